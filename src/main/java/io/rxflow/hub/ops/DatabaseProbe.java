package io.rxflow.hub.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whether the database answers, checked in the background every {@code interval} so that no API call
 * waits on the check. A probe still running after {@code timeout} (a pool waiting for a connection that
 * never comes) counts as down, without waiting for the pool to give up.
 */
public class DatabaseProbe implements AutoCloseable {
    private final JdbcTemplate jdbc;
    private final Duration interval;
    private final Duration timeout;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private volatile boolean lastOk;
    private volatile Instant inFlightSince;

    public DatabaseProbe(JdbcTemplate jdbc, Duration interval, Duration timeout, Clock clock) {
        this.jdbc = jdbc;
        this.interval = interval;
        this.timeout = timeout;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rxflow-db-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /** Probes once now, then every interval. */
    public void start() {
        probe();
        timer.scheduleWithFixedDelay(this::probe, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True when the last probe succeeded and none has been hanging for longer than the timeout. */
    public boolean up() {
        Instant since = inFlightSince;
        if (since != null && Duration.between(since, clock.instant()).compareTo(timeout) > 0) {
            return false;
        }
        return lastOk;
    }

    void probe() {
        inFlightSince = clock.instant();
        try {
            jdbc.queryForObject("SELECT 1", Integer.class);
            lastOk = true;
        } catch (RuntimeException e) {
            lastOk = false;
        } finally {
            inFlightSince = null;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
