package io.rxflow.hub.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.outbox.OutboxLag;
import io.rxflow.hub.outbox.OutboxPublisher;
import io.rxflow.hub.outbox.OutboxRelayRoute;
import io.rxflow.hub.outbox.OutboxRows;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The transactional outbox: its rows, the relay route and the Kafka publisher behind it. */
@Configuration(proxyBeanMethods = false)
class OutboxConfig {

    @Bean
    OutboxRows outboxRows(KafkaProperties kafka) {
        return new OutboxRows(kafka.topics().ncpdpOutbound());
    }

    @Bean(destroyMethod = "close")
    OutboxPublisher outboxPublisher(KafkaConfig.KafkaBrokers brokers, ObjectMapper json, HubProperties props) {
        return new OutboxPublisher(
                brokers.bootstrapServers(), json, props.outbox().ackTimeout());
    }

    @Bean
    OutboxLag outboxLag(JdbcTemplate jdbc) {
        return new OutboxLag(jdbc);
    }

    @Bean
    OutboxRelayRoute outboxRelayRoute() {
        return new OutboxRelayRoute();
    }
}
