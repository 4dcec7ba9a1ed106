package io.rxflow.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HubMetricsTest {

    @Test
    void registersEverySeriesAtZeroBeforeTheFirstPrescription() {
        var meters = new SimpleMeterRegistry();
        var metrics = new HubMetrics(meters);
        metrics.pharmacy("1234563");
        assertThat(meters.get("rxflow.prescriptions.received").counter().count())
                .isZero();
        assertThat(meters.get("rxflow.intake.rejections")
                        .tag("rule", "prescriber-npi-invalid")
                        .counter()
                        .count())
                .isZero();
        assertThat(meters.get("rxflow.dispatched")
                        .tag("pharmacy", "1234563")
                        .counter()
                        .count())
                .isZero();
        assertThat(meters.get("rxflow.dispatch.failed")
                        .tag("pharmacy", "1234563")
                        .counter()
                        .count())
                .isZero();
        assertThat(meters.get("rxflow.pharmacy.answers")
                        .tag("kind", "ERROR")
                        .counter()
                        .count())
                .isZero();
        assertThat(meters.get("rxflow.dead.letters").counter().count()).isZero();
        assertThat(meters.get("rxflow.prescription.answer").timer().count()).isZero();
    }

    @Test
    void countsTheSameRejectionSeriesTheApiIncrements() {
        var meters = new SimpleMeterRegistry();
        new HubMetrics(meters);
        meters.counter("rxflow.intake.rejections", "rule", "quantity-missing").increment();
        assertThat(meters.get("rxflow.intake.rejections")
                        .tag("rule", "quantity-missing")
                        .counters())
                .hasSize(1);
    }

    @Test
    void recordsAnAnswerAndItsLatency() {
        var meters = new SimpleMeterRegistry();
        var metrics = new HubMetrics(meters);
        metrics.answered("STATUS", Duration.ofMillis(250));
        metrics.answered("VERIFY", null);
        assertThat(meters.get("rxflow.pharmacy.answers")
                        .tag("kind", "STATUS")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(meters.get("rxflow.prescription.answer").timer().count()).isEqualTo(1);
    }
}
