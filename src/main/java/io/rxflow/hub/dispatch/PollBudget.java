package io.rxflow.hub.dispatch;

import io.rxflow.hub.pharmacies.Pharmacy;
import java.time.Duration;

/**
 * How many records one poll of a pharmacy's consumer may hold, so that with the pharmacy down the
 * consumer still polls again within Kafka's {@code max.poll.interval.ms}.
 *
 * <p>A consumer that overruns that interval is put out of its group and its partitions go to another
 * consumer (another thread of the route, another instance), which reads the same uncommitted records
 * while the first is still retrying them: two deliveries of one message racing past the MessageID
 * check. At worst one message takes every attempt's timeout plus every back-off before it is
 * delivered or parked; a poll holds as many of those as {@code inFlight} lanes can work off, in as
 * many rounds as fit in {@value #SHARE_PERCENT} % of the interval, and at least one round.
 *
 * @param maxRedeliveries attempts after the first ({@code rxflow.dispatch.max-redeliveries})
 * @param redeliveryDelayMs the first back-off; it doubles each attempt ({@code rx-delivery-errors})
 * @param maxRedeliveryDelayMs the longest back-off
 * @param maxPollIntervalMs the consumers' {@code max.poll.interval.ms}
 * @param maxPollRecords the most records a poll may hold in any case
 */
public record PollBudget(
        int maxRedeliveries,
        long redeliveryDelayMs,
        long maxRedeliveryDelayMs,
        long maxPollIntervalMs,
        int maxPollRecords) {

    /** The longest one produce to a Kafka pharmacy's topic may take ({@code rx-dispatch-kafka}). */
    public static final Duration KAFKA_ATTEMPT = Duration.ofSeconds(30);

    static final int SHARE_PERCENT = 80;

    /** The longest one message may take before it is delivered or parked, the pharmacy down throughout. */
    public Duration worstPerMessage(Pharmacy pharmacy) {
        // The directory refuses a pharmacy without its delivery; the timeouts have defaults (Pharmacy.Delivery).
        Duration attempt = pharmacy.http()
                ? pharmacy.delivery().connectTimeout().plus(pharmacy.delivery().readTimeout())
                : KAFKA_ATTEMPT;
        long backOff = 0;
        long delay = redeliveryDelayMs;
        for (int i = 0; i < maxRedeliveries; i++) {
            backOff += Math.min(delay, maxRedeliveryDelayMs);
            delay = Math.min(delay * 2, maxRedeliveryDelayMs);
        }
        return attempt.multipliedBy(maxRedeliveries + 1L).plusMillis(backOff);
    }

    /** Whether even a poll of one round of messages fits in the poll interval's share. */
    public boolean fits(Pharmacy pharmacy) {
        return worstPerMessage(pharmacy).toMillis() <= budgetMs();
    }

    /** The most records a poll of this pharmacy's consumer should hold with {@code inFlight} at once. */
    public int recordsPerPoll(Pharmacy pharmacy, int inFlight) {
        long rounds =
                Math.max(1, budgetMs() / Math.max(1, worstPerMessage(pharmacy).toMillis()));
        return (int) Math.min(maxPollRecords, rounds * inFlight);
    }

    private long budgetMs() {
        return maxPollIntervalMs * SHARE_PERCENT / 100;
    }
}
