package io.rxflow.hub.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka settings under {@code rxflow.kafka}: external brokers, or (empty) the in-JVM broker under the
 * data folder; the partition count of the topics the hub creates; and the topic names.
 */
@ConfigurationProperties("rxflow.kafka")
public record KafkaProperties(
        @DefaultValue("") String brokers,
        @DefaultValue("0") int embeddedPort,
        @DefaultValue("3") int partitions,
        @DefaultValue("1") int replicationFactor,
        @DefaultValue Topics topics) {

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
