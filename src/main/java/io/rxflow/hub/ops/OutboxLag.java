package io.rxflow.hub.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How far the outbox relay is behind: unpublished rows and the age of the oldest, read with one query
 * over the partial index of unpublished rows ({@code sql/outbox-lag.sql}), at most once a second
 * however often Prometheus scrapes. NaN while the database does not answer.
 */
public class OutboxLag {
    private static final Duration FRESH = Duration.ofSeconds(1);

    private final JdbcTemplate jdbc;
    private final String sql;
    private final Clock clock;
    private volatile Reading last = new Reading(Instant.EPOCH, Double.NaN, Double.NaN);

    public OutboxLag(JdbcTemplate jdbc, String sql, Clock clock) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.clock = clock;
    }

    /** Registers {@code rxflow_outbox_pending} and {@code rxflow_outbox_oldest_age_seconds}. */
    public void register(MeterRegistry meters) {
        Gauge.builder("rxflow.outbox.pending", this, l -> l.read().pending())
                .description("Outbox rows not yet published to Kafka")
                .register(meters);
        Gauge.builder("rxflow.outbox.oldest.age", this, l -> l.read().oldestAgeSeconds())
                .description("Age of the oldest unpublished outbox row (0 when none)")
                .baseUnit("seconds")
                .register(meters);
    }

    Reading read() {
        Reading r = last;
        Instant now = clock.instant();
        if (Duration.between(r.at(), now).compareTo(FRESH) < 0) {
            return r;
        }
        try {
            Reading fresh = jdbc.queryForObject(
                    sql, (rs, i) -> new Reading(now, rs.getLong("pending"), rs.getDouble("oldest_age_seconds")));
            last = fresh;
            return fresh;
        } catch (RuntimeException e) {
            last = new Reading(now, Double.NaN, Double.NaN);
            return last;
        }
    }

    record Reading(Instant at, double pending, double oldestAgeSeconds) {}
}
