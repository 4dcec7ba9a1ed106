package io.rxflow.hub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxflow.hub.script.ScriptSchemas;
import io.rxflow.hub.script.ScriptSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The simulator exists only when switched on, and binds its settings. */
class SimulatorConfigTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({SimulatorProperties.class, ConversationProperties.class})
    static class HubBeans {
        @Bean
        ScriptSchemas scriptSchemas() {
            return SimulatorFixtures.SCHEMAS;
        }

        @Bean
        ScriptSettings scriptSettings() {
            return SimulatorFixtures.HUB;
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(HubBeans.class, SimulatorConfig.class, SimulatorController.class);

    @Test
    void isAbsentByDefault() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(PharmacySimulator.class);
            assertThat(context).doesNotHaveBean(SimulatorController.class);
        });
    }

    @Test
    void bindsItsSettingsWhenEnabled() {
        runner.withPropertyValues(
                        "rxflow.simulator.enabled=true",
                        "rxflow.simulator.latency=250ms",
                        "rxflow.simulator.failure-rate=0.1",
                        "rxflow.simulator.kafka-topics[0]=1234567:pharmacy.1234567")
                .run(context -> {
                    assertThat(context).hasSingleBean(PharmacySimulator.class);
                    assertThat(context).hasSingleBean(SimulatorController.class);
                    assertThat(context).hasSingleBean(KafkaPharmacies.class);
                    SimulatorProperties props = context.getBean(SimulatorProperties.class);
                    assertThat(props.latency().toMillis()).isEqualTo(250);
                    assertThat(props.failureRate()).isEqualTo(0.1);
                    assertThat(props.replyTopic()).isEqualTo("ncpdp.inbound");
                    // No rxflow.kafka.brokers: the Kafka mode stays off.
                    assertThat(context.getBean(KafkaPharmacies.class).isRunning())
                            .isFalse();
                });
    }

    @Test
    void refusesARateAboveOne() {
        runner.withPropertyValues("rxflow.simulator.enabled=true", "rxflow.simulator.error-rate=1.5")
                .run(context -> assertThat(context).hasFailed());
    }
}
