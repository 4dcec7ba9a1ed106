package io.rxflow.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboxPropertiesTest {

    @Test
    void acceptsTheShippedDefaults() {
        var defaults = outbox(20, 1000);
        assertThat(defaults.wakeOnCommit()).isTrue();
        assertThat(defaults.idlePollMs()).isEqualTo(1000);
    }

    @Test
    void refusesAnIdlePollShorterThanThePollIntervalNamingBoth() {
        // An operator who raised the poll interval past a second (its meaning before wake-on-commit)
        // learns at start that the idle poll must follow, instead of a relay that never sleeps.
        assertThatThrownBy(() -> outbox(5000, 1000))
                .hasMessageContaining("rxflow.outbox.idle-poll-ms (1000)")
                .hasMessageContaining("rxflow.outbox.poll-interval-ms (5000)");
        assertThat(outbox(5000, 5000).idlePollMs()).isEqualTo(5000);
    }

    @Test
    void refusesAPollIntervalBelowOneMillisecond() {
        assertThatThrownBy(() -> outbox(0, 1000))
                .hasMessageContaining("rxflow.outbox.poll-interval-ms must be at least 1");
    }

    @Test
    void refusesABatchSizeTheRelayCannotWorkWith() {
        for (int size : new int[] {0, -1, HubProperties.Outbox.MAX_BATCH_SIZE + 1}) {
            assertThatThrownBy(() -> outbox(size))
                    .hasMessageContaining("rxflow.outbox.batch-size (RXFLOW_OUTBOX_BATCH_SIZE) must be from 1 to 10000")
                    .hasMessageContaining("was " + size);
        }
        assertThat(outbox(1).batchSize()).isEqualTo(1);
        assertThat(outbox(HubProperties.Outbox.MAX_BATCH_SIZE).batchSize()).isEqualTo(10_000);
    }

    private static HubProperties.Outbox outbox(long pollIntervalMs, long idlePollMs) {
        return new HubProperties.Outbox(pollIntervalMs, 1000, 500, Duration.ofSeconds(30), true, idlePollMs);
    }

    private static HubProperties.Outbox outbox(int batchSize) {
        return new HubProperties.Outbox(20, 1000, batchSize, Duration.ofSeconds(30), true, 1000);
    }
}
