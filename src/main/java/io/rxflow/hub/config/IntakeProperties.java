package io.rxflow.hub.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Group commit at intake under {@code rxflow.intake}: commands per transaction at most, how long a
 * writer waits for a batch to fill, requests that may wait for a writer before intake answers 503,
 * writer threads (each holds one connection while it commits), and the longest wait for a commit;
 * and how many times the start sends the sample prescriptions through the preview route before the
 * hub reports itself ready (0: not at all).
 */
@ConfigurationProperties("rxflow.intake")
public record IntakeProperties(
        @DefaultValue("200") int maxBatch,
        @DefaultValue("0ms") Duration linger,
        @DefaultValue("2000") int queueCapacity,
        @DefaultValue("2") int writers,
        @DefaultValue("30s") Duration answerTimeout,
        @DefaultValue("2") int warmUpRounds) {

    public IntakeProperties {
        if (warmUpRounds < 0 || warmUpRounds > 100) {
            throw new IllegalArgumentException(
                    "rxflow.intake.warm-up-rounds (RXFLOW_INTAKE_WARM_UP_ROUNDS) must be between 0 and 100, was "
                            + warmUpRounds);
        }
    }
}
