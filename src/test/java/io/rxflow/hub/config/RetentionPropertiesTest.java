package io.rxflow.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetentionPropertiesTest {
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void acceptsTheShippedDefaults() {
        var defaults = settings(Duration.ofDays(30), Duration.ofDays(30), 5000);
        assertThat(defaults.processedMessages()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void refusesDeDuplicationRecordsThatDoNotOutlastTheKafkaTopics() {
        assertThatThrownBy(() -> settings(Duration.ofDays(30), Duration.ofDays(7), 5000))
                .hasMessageContaining("rxflow.retention.processed-messages must be at least 8d")
                .hasMessageContaining("delivered twice");
        assertThat(settings(Duration.ofDays(30), Duration.ofDays(8), 5000).processedMessages())
                .isEqualTo(Duration.ofDays(8));
    }

    @Test
    void refusesAnAgeThatIsNotPositiveNamingTheSetting() {
        assertThatThrownBy(() -> settings(Duration.ZERO, Duration.ofDays(30), 5000))
                .hasMessageContaining("rxflow.retention.outbox-published must be a positive duration");
        assertThatThrownBy(() -> settings(Duration.ofDays(-1), Duration.ofDays(30), 5000))
                .hasMessageContaining("outbox-published");
    }

    @Test
    void refusesABatchSizeOutOfRange() {
        assertThatThrownBy(() -> settings(Duration.ofDays(30), Duration.ofDays(30), 0))
                .hasMessageContaining("rxflow.retention.batch-size must be from 1 to 100000");
    }

    private static RetentionProperties settings(Duration outbox, Duration processed, int batch) {
        return new RetentionProperties(
                true,
                HOUR,
                Duration.ofMinutes(1),
                batch,
                outbox,
                processed,
                Duration.ofDays(90),
                Duration.ofDays(90),
                Duration.ofDays(30));
    }
}
