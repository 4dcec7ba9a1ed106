package io.rxflow.hub.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.rxflow.hub.ops.TraceHeaders;
import io.rxflow.hub.outbox.EhrPushRows;
import io.rxflow.hub.outbox.OutboxPublisher;
import io.rxflow.hub.outbox.OutboxRelayRoute;
import io.rxflow.hub.outbox.OutboxRows;
import io.rxflow.hub.outbox.OutboxWakeup;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The transactional outbox: its rows, the relay route and the Kafka publisher behind it. */
@Configuration(proxyBeanMethods = false)
class OutboxConfig {

    @Bean
    OutboxRows outboxRows(KafkaProperties kafka, ObjectProvider<TraceHeaders> traceHeaders) {
        // With tracing on, every row carries the trace context of the call that wrote it.
        TraceHeaders trace = traceHeaders.getIfAvailable();
        return trace == null
                ? new OutboxRows(kafka.topics().ncpdpOutbound())
                : new OutboxRows(kafka.topics().ncpdpOutbound(), trace);
    }

    /** The push rows of the EHRs with their own FHIR server (rxflow.ehr-push.ehrs); none configured, none written. */
    @Bean
    EhrPushRows ehrPushRows(DataSource dataSource, EhrPushProperties ehrPush) {
        return new EhrPushRows(dataSource, ehrPush.ehrs().keySet());
    }

    @Bean(destroyMethod = "close")
    OutboxPublisher outboxPublisher(KafkaConfig.KafkaBrokers brokers, ObjectMapper json, HubProperties props) {
        return new OutboxPublisher(
                brokers.bootstrapServers(), json, props.outbox().ackTimeout());
    }

    /** The relay's sleep between commits (PostgreSQL LISTEN on the outbox trigger's channel). */
    @Bean(destroyMethod = "close")
    OutboxWakeup outboxWakeup(DataSource dataSource, HubProperties props, MeterRegistry meters) {
        return new OutboxWakeup(
                dataSource, props.outbox().wakeOnCommit(), props.outbox().idlePollMs(), meters);
    }

    @Bean
    OutboxRelayRoute outboxRelayRoute(HubProperties props) {
        return new OutboxRelayRoute(props.outbox().batchSize());
    }
}
