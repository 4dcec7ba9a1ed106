package io.rxflow.hub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxflow.hub.pharmacies.Pharmacy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollBudgetTest {
    /** The hub's defaults: 10 redeliveries from 500 ms doubling to 30 s, 15 minutes between polls, 200 records. */
    private static final PollBudget DEFAULTS = new PollBudget(10, 500, 30_000, 900_000, 200);

    private static Pharmacy http(Duration connect, Duration read) {
        return new Pharmacy(
                "1234563",
                null,
                "Test",
                "2023011",
                new Pharmacy.Delivery("http", "http://127.0.0.1:9/ncpdp", null, connect, read, null, null),
                null,
                null,
                null,
                null);
    }

    private static Pharmacy kafka() {
        return new Pharmacy(
                "2345671",
                null,
                "Test",
                "2023011",
                new Pharmacy.Delivery("kafka", null, "pharmacy.in", null, null, null, null),
                null,
                null,
                null,
                null);
    }

    @Test
    void theWorstMessageIsEveryAttemptTimingOutPlusEveryBackOff() {
        // 11 attempts of 2 s + 10 s; back-off 0.5 + 1 + 2 + 4 + 8 + 16 + 30 x 4 = 151.5 s.
        assertThat(DEFAULTS.worstPerMessage(http(Duration.ofSeconds(2), Duration.ofSeconds(10))))
                .isEqualTo(Duration.ofMillis(132_000 + 151_500));
        // A produce to a Kafka pharmacy's topic waits at most 30 s.
        assertThat(DEFAULTS.worstPerMessage(kafka())).isEqualTo(Duration.ofMillis(330_000 + 151_500));
    }

    @Test
    void aPollHoldsAsManyRoundsOfLanesAsADownPharmacyCanWorkOffInTheInterval() {
        var pharmacy = http(Duration.ofSeconds(2), Duration.ofSeconds(10));
        // 283.5 s a message, 720 s of the interval: two rounds.
        assertThat(DEFAULTS.recordsPerPoll(pharmacy, 1)).isEqualTo(2);
        assertThat(DEFAULTS.recordsPerPoll(pharmacy, 16)).isEqualTo(32);
        assertThat(DEFAULTS.recordsPerPoll(pharmacy, 150))
                .as("never more than max.poll.records")
                .isEqualTo(200);
        assertThat(DEFAULTS.recordsPerPoll(kafka(), 16)).isEqualTo(16);
        assertThat(DEFAULTS.fits(pharmacy)).isTrue();
        assertThat(DEFAULTS.fits(kafka())).isTrue();
    }

    @Test
    void longerRetriesThanTheIntervalHoldOneRoundAndDoNotFit() {
        var longer = new PollBudget(30, 500, 30_000, 900_000, 200);
        var pharmacy = http(Duration.ofSeconds(2), Duration.ofSeconds(10));
        // 31 x 12 s + 151.5 s + 20 x 30 s = 1,123.5 s, over 720 s.
        assertThat(longer.worstPerMessage(pharmacy)).isEqualTo(Duration.ofMillis(372_000 + 751_500));
        assertThat(longer.fits(pharmacy)).isFalse();
        assertThat(longer.recordsPerPoll(pharmacy, 16)).isEqualTo(16);
        assertThat(longer.recordsPerPoll(pharmacy, 1)).isEqualTo(1);
    }

    @Test
    void quickPharmaciesGetFullPolls() {
        var quick = new PollBudget(2, 100, 1_000, 900_000, 200);
        var pharmacy = http(Duration.ofMillis(500), Duration.ofSeconds(1));
        // 3 x 1.5 s + 0.1 s + 0.2 s = 4.8 s a message: 150 rounds in 720 s.
        assertThat(quick.recordsPerPoll(pharmacy, 1)).isEqualTo(150);
        assertThat(quick.recordsPerPoll(pharmacy, 16)).isEqualTo(200);
    }
}
