package io.rxflow.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The consumer options set once on the kafka component reach every endpoint a route declares. */
class KafkaConfigTest {

    @Test
    void everyConsumerCommitsOnlyWhatItHasDealtWith() throws Exception {
        try (var camel = new DefaultCamelContext()) {
            camel.addComponent("kafka", new KafkaConfig().kafkaComponent(new KafkaConfig.KafkaBrokers("127.0.0.1:9")));

            // As the dispatch templates declare it: only the group and the consumer count.
            KafkaConfiguration dispatch = camel.getEndpoint(
                            "kafka:ncpdp.outbound?groupId=rx-dispatch-1234563&consumersCount=3", KafkaEndpoint.class)
                    .getConfiguration();

            assertThat(dispatch.getAutoOffsetReset()).isEqualTo("earliest");
            assertThat(dispatch.isAutoCommitEnable()).isFalse();
            assertThat(dispatch.isBreakOnFirstError()).isTrue();
            assertThat(dispatch.getMaxPollRecords()).isEqualTo(200);
            assertThat(dispatch.getMaxPollIntervalMs()).isEqualTo(900_000);
            assertThat(dispatch.getConsumersCount()).isEqualTo(3);
        }
    }
}
