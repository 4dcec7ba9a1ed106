package io.rxflow.hub.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the operational tables keep their rows ({@code rxflow.retention.*}; meaning and units in
 * {@code application.yaml}). A setting that would let a message be delivered twice or an age that is
 * not positive stops the hub at start, naming the setting.
 */
@ConfigurationProperties("rxflow.retention")
public record RetentionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1h") Duration interval,
        @DefaultValue("1m") Duration firstRunDelay,
        @DefaultValue("5000") int batchSize,
        @DefaultValue("30d") Duration outboxPublished,
        @DefaultValue("30d") Duration processedMessages,
        @DefaultValue("90d") Duration rejections,
        @DefaultValue("90d") Duration pharmacyMessages,
        @DefaultValue("30d") Duration ehrPushed) {

    /**
     * The Kafka topics keep messages 7 days (the broker default, docs/topics.md); a consumer that reads
     * one again after its de-duplication record is gone would deliver it twice.
     */
    static final Duration KAFKA_RETENTION = Duration.ofDays(7);

    public RetentionProperties {
        positive("interval", interval);
        positive("outbox-published", outboxPublished);
        positive("rejections", rejections);
        positive("pharmacy-messages", pharmacyMessages);
        positive("ehr-pushed", ehrPushed);
        if (processedMessages == null || processedMessages.compareTo(KAFKA_RETENTION.plusDays(1)) < 0) {
            throw new IllegalArgumentException("rxflow.retention.processed-messages must be at least 8d (it is "
                    + processedMessages + "): the de-duplication records must outlast the Kafka topics' 7 days,"
                    + " or a message read again after its record is pruned is delivered twice");
        }
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException(
                    "rxflow.retention.batch-size must be from 1 to 100000 (it is " + batchSize + ")");
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(
                    "rxflow.retention." + name + " must be a positive duration such as 30d (it is " + value + ")");
        }
    }
}
