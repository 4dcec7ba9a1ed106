package io.rxflow.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualAsyncCommitFactory;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The consumer options set once on the kafka component reach every endpoint a route declares. */
class KafkaConfigTest {

    @Test
    void everyConsumerCommitsOnlyWhatItHasDealtWith() throws Exception {
        KafkaConfiguration dispatch = dispatchEndpoint(Map.of());

        assertThat(dispatch.getAutoOffsetReset()).isEqualTo("earliest");
        assertThat(dispatch.isAutoCommitEnable()).isFalse();
        // Camel commits what its exchanges finished only with manual commits allowed and a factory
        // set; without one it commits nothing (its no-op commit manager).
        assertThat(dispatch.isAllowManualCommit()).isTrue();
        assertThat(dispatch.isBreakOnFirstError()).isTrue();
        assertThat(dispatch.getMaxPollRecords()).isEqualTo(200);
        assertThat(dispatch.getMaxPollIntervalMs()).isEqualTo(900_000);
        assertThat(dispatch.getConsumersCount()).isEqualTo(3);
    }

    @Test
    void aStopWaitsForShortPollsAndADeadHubsPartitionsComeBackSoon() throws Exception {
        KafkaConfiguration dispatch = dispatchEndpoint(Map.of());

        assertThat(dispatch.getPollTimeoutMs()).isEqualTo(500L);
        assertThat(dispatch.getSessionTimeoutMs()).isEqualTo(10_000);
        assertThat(dispatch.getHeartbeatIntervalMs()).isEqualTo(3_000);
    }

    @Test
    void theSessionTimeoutIsTheOperatorsAndHeartbeatsKeepAThirdOfIt() throws Exception {
        KafkaConfiguration dispatch = dispatchEndpoint(Map.of("rxflow.kafka.consumer-session-timeout", "6s"));

        assertThat(dispatch.getSessionTimeoutMs()).isEqualTo(6_000);
        assertThat(dispatch.getHeartbeatIntervalMs()).isEqualTo(2_000);
        assertThat(dispatchEndpoint(Map.of("rxflow.kafka.consumer-session-timeout", "45s"))
                        .getHeartbeatIntervalMs())
                .isEqualTo(3_000);
    }

    @Test
    void aSessionTimeoutBelowASecondIsRefusedByName() {
        assertThatThrownBy(() -> bind(Map.of("rxflow.kafka.consumer-session-timeout", "500ms")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("RXFLOW_KAFKA_CONSUMER_SESSION_TIMEOUT")
                .hasMessageContaining("500ms");
    }

    @Test
    void everyConsumerCommitsWithCamelsAsynchronousCommitManager() throws Exception {
        try (var camel = new DefaultCamelContext()) {
            camel.addComponent(
                    "kafka",
                    new KafkaConfig().kafkaComponent(new KafkaConfig.KafkaBrokers("127.0.0.1:9"), bind(Map.of())));
            var endpoint =
                    camel.getEndpoint("kafka:rx.pharmacy.replies?groupId=rx-pharmacy-replies", KafkaEndpoint.class);
            endpoint.start();
            assertThat(endpoint.getKafkaManualCommitFactory()).isInstanceOf(DefaultKafkaManualAsyncCommitFactory.class);
        }
    }

    private static KafkaConfiguration dispatchEndpoint(Map<String, String> settings) throws Exception {
        try (var camel = new DefaultCamelContext()) {
            camel.addComponent(
                    "kafka",
                    new KafkaConfig().kafkaComponent(new KafkaConfig.KafkaBrokers("127.0.0.1:9"), bind(settings)));
            // As the dispatch templates declare it: only the group and the consumer count.
            return camel.getEndpoint(
                            "kafka:ncpdp.outbound?groupId=rx-dispatch-1234563&consumersCount=3", KafkaEndpoint.class)
                    .getConfiguration();
        }
    }

    private static KafkaProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("rxflow.kafka", KafkaProperties.class);
    }
}
