package io.rxflow.hub.ehrpush;

import java.time.Duration;

/** Exponential back-off between a row's attempts: initial, doubled per failure, never above max. */
record Backoff(Duration initial, Duration max) {

    /** The delay after the {@code failures}-th failed attempt (1 for the first). */
    Duration after(int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, 30));
        Duration delay = initial.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 || delay.isNegative() ? max : delay;
    }
}
