package io.rxflow.hub.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PrescriptionIdsTest {
    private static final Instant RECEIVED = Instant.parse("2026-12-05T03:30:00.123Z");

    @Test
    void isAUuidVersion7CarryingTheMillisecondOfReceipt() {
        UUID id = PrescriptionIds.next(Clock.fixed(RECEIVED, ZoneOffset.UTC));
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(PrescriptionIds.millis(id)).isEqualTo(RECEIVED.toEpochMilli());
        // What PostgreSQL's partition bounds compare: the text form starts with the 48-bit milliseconds.
        assertThat(id.toString().replace("-", "")).startsWith(String.format("%012x", RECEIVED.toEpochMilli()));
    }

    @Test
    void idsOfTheSameMillisecondDifferAndLaterOnesSortAfter() {
        var clock = Clock.fixed(RECEIVED, ZoneOffset.UTC);
        var seen = new HashSet<UUID>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(PrescriptionIds.next(clock));
        }
        assertThat(seen).hasSize(10_000);
        String earlier = PrescriptionIds.next(clock).toString();
        String later = PrescriptionIds.next(Clock.fixed(RECEIVED.plusMillis(1), ZoneOffset.UTC))
                .toString();
        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void aRandomUuidCarriesNoTime() {
        assertThatThrownBy(() -> PrescriptionIds.millis(UUID.randomUUID()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theReceiptTimeIsReadOffAVersion7IdAndNoOther() {
        String id = PrescriptionIds.next(Clock.fixed(RECEIVED, ZoneOffset.UTC)).toString();
        assertThat(PrescriptionIds.receivedAt(id)).contains(RECEIVED);
        assertThat(PrescriptionIds.receivedAt(UUID.randomUUID().toString())).isEmpty();
        assertThat(PrescriptionIds.receivedAt("not-a-uuid")).isEmpty();
    }
}
