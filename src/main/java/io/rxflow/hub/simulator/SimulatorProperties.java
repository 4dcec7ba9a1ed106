package io.rxflow.hub.simulator;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The simulator's settings under {@code rxflow.simulator}: whether it runs, the latency of every HTTP
 * answer, the share of HTTP requests answered 503 ({@code failureRate}, transient) and the share of
 * valid NewRx answered with a SCRIPT Error 900 ({@code errorRate}, permanent), both from 0 to 1, and the
 * Kafka mode: {@code kafkaTopics} as {@code ncpdpId:topic} entries and the topic answers go to.
 */
@ConfigurationProperties("rxflow.simulator")
public record SimulatorProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("0s") Duration latency,
        @DefaultValue("0") double failureRate,
        @DefaultValue("0") double errorRate,
        @DefaultValue List<String> kafkaTopics,
        @DefaultValue("ncpdp.inbound") String replyTopic) {

    public SimulatorProperties {
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("rxflow.simulator.latency must be zero or more");
        }
        requireRate(failureRate, "failure-rate");
        requireRate(errorRate, "error-rate");
        kafkaTopics = kafkaTopics == null ? List.of() : List.copyOf(kafkaTopics);
        if (replyTopic == null || replyTopic.isBlank()) {
            throw new IllegalArgumentException("rxflow.simulator.reply-topic must not be blank");
        }
    }

    /** Everything off but the simulator itself: no latency, no failures, no Kafka mode. */
    public static SimulatorProperties plain() {
        return new SimulatorProperties(true, Duration.ZERO, 0, 0, List.of(), "ncpdp.inbound");
    }

    private static void requireRate(double rate, String name) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("rxflow.simulator." + name + " must be from 0 to 1");
        }
    }
}
