package io.rxflow.hub.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka settings under {@code rxflow.kafka}: external brokers, or (empty) the in-JVM broker under the
 * data folder; the partition count of the topics the hub creates; how long a silent consumer keeps
 * its partitions; and the topic names.
 */
@ConfigurationProperties("rxflow.kafka")
public record KafkaProperties(
        @DefaultValue("") String brokers,
        @DefaultValue("0") int embeddedPort,
        @DefaultValue("3") int partitions,
        @DefaultValue("1") int replicationFactor,
        @DefaultValue("10s") Duration consumerSessionTimeout,
        @DefaultValue Topics topics) {

    public KafkaProperties {
        if (consumerSessionTimeout == null
                || consumerSessionTimeout.compareTo(Duration.ofSeconds(1)) < 0
                || consumerSessionTimeout.compareTo(Duration.ofMinutes(30)) > 0) {
            throw new IllegalArgumentException(
                    "rxflow.kafka.consumer-session-timeout (RXFLOW_KAFKA_CONSUMER_SESSION_TIMEOUT)"
                            + " must be between 1s and 30m (the broker's group.min/max.session.timeout.ms bound it too), was "
                            + (consumerSessionTimeout == null ? "empty" : consumerSessionTimeout.toMillis() + "ms"));
        }
    }

    /** Heartbeats a third of the session timeout apart, at most 3 s (Kafka's default) apart. */
    public Duration consumerHeartbeatInterval() {
        Duration third = consumerSessionTimeout.dividedBy(3);
        return third.compareTo(Duration.ofSeconds(3)) < 0 ? third : Duration.ofSeconds(3);
    }

    /** True when no external broker is configured. */
    public boolean embedded() {
        return brokers == null || brokers.isBlank();
    }

    /** The hub's topics (see docs/topics.md for key, headers and payload of each). */
    public record Topics(
            @DefaultValue("prescription.events") String prescriptionEvents,
            @DefaultValue("prescription.commands") String prescriptionCommands,
            @DefaultValue("routing.requests") String routingRequests,
            @DefaultValue("routing.responses") String routingResponses,
            @DefaultValue("audit.trail") String auditTrail,
            @DefaultValue("ncpdp.outbound") String ncpdpOutbound,
            @DefaultValue("ncpdp.inbound") String ncpdpInbound,
            @DefaultValue("dead.letter") String deadLetter) {

        java.util.List<String> all() {
            return java.util.List.of(
                    prescriptionEvents,
                    prescriptionCommands,
                    routingRequests,
                    routingResponses,
                    auditTrail,
                    ncpdpOutbound,
                    ncpdpInbound,
                    deadLetter);
        }
    }
}
