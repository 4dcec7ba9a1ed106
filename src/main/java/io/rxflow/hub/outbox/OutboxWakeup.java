package io.rxflow.hub.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the outbox relay sleep until a commit adds outbox rows, instead of claiming every poll
 * interval whether or not anything was written.
 *
 * <p>Every statement that inserts into {@code outbox} notifies channel {@value #CHANNEL} (trigger
 * {@code outbox_wakes_relay}, V64); PostgreSQL delivers the notification only when the transaction
 * commits, to every hub listening, so rows written by another instance or by any route wake this
 * relay too. One pooled connection is held for the {@code LISTEN}.
 *
 * <p>The relay's timer calls {@link #await()} before each run and {@link #drained()} after a run
 * that ended on a short batch. {@code await} returns at once when the previous run did not drain the
 * outbox (it failed, e.g. the broker was down: look again at the next tick, as a polling relay
 * would), when the listening connection was just (re)opened (rows committed while nobody listened
 * were not announced), or when no connection can be had (polling, until one can); otherwise it
 * blocks until a notification arrives or {@code idleWaitMs} pass, whichever is first. The idle wait
 * bounds the delay for rows whose notification was lost, and each idle wait checks the connection
 * is still alive.
 *
 * <p>Counted in {@code rxflow_outbox_relay_wakeups_total}, by {@code reason}: {@code commit} (a
 * notification), {@code idle} (the idle wait passed), {@code look-again} (no wait: see above).
 *
 * <p>Only the relay's single timer thread calls {@code await} and {@code drained}.
 */
public class OutboxWakeup implements AutoCloseable {
    /** The channel the outbox trigger notifies. */
    public static final String CHANNEL = "rxflow_outbox";

    private static final Logger log = LoggerFactory.getLogger(OutboxWakeup.class);
    private static final int VALIDATION_TIMEOUT_S = 2;

    private final DataSource dataSource;
    private final boolean enabled;
    private final int idleWaitMs;
    private volatile Connection listener;
    private volatile boolean closed;
    private boolean lookAgain = true;
    private boolean lostReported;
    private final Counter commitWakeups;
    private final Counter idleWakeups;
    private final Counter lookAgainWakeups;

    /**
     * @param enabled false: never wait (the relay polls every tick, as it did before V64)
     * @param idleWaitMs the longest wait for a notification
     */
    public OutboxWakeup(DataSource dataSource, boolean enabled, long idleWaitMs, MeterRegistry meters) {
        if (idleWaitMs < 1 || idleWaitMs > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("idle wait out of range: " + idleWaitMs);
        }
        this.dataSource = dataSource;
        this.enabled = enabled;
        this.idleWaitMs = (int) idleWaitMs;
        this.commitWakeups = wakeups(meters, "commit");
        this.idleWakeups = wakeups(meters, "idle");
        this.lookAgainWakeups = wakeups(meters, "look-again");
    }

    private static Counter wakeups(MeterRegistry meters, String reason) {
        return Counter.builder("rxflow.outbox.relay.wakeups")
                .description("Why the outbox relay started a run: a commit's notification, the idle wait, or no wait")
                .tag("reason", reason)
                .register(meters);
    }

    /**
     * Returns when the relay should look at the outbox: at once if it must look again, otherwise on
     * the next commit that adds rows or after the idle wait.
     *
     * @return true when woken by a notification, false when it returned without one
     */
    public boolean await() {
        if (!enabled || closed) {
            return false;
        }
        if (!listening()) {
            lookAgain = true;
        }
        boolean waited = !lookAgain;
        boolean notified = waited && waitForNotification();
        (notified ? commitWakeups : waited ? idleWakeups : lookAgainWakeups).increment();
        // Until the run reports the outbox drained, the next call looks again without waiting.
        lookAgain = true;
        return notified;
    }

    /** The relay's run ended on a short batch: nothing it can see is left. */
    public void drained() {
        lookAgain = false;
    }

    /** Whether the {@code LISTEN} connection is open. */
    public boolean isListening() {
        return listener != null;
    }

    /** How many runs a commit's notification started. */
    public long commitWakeups() {
        return (long) commitWakeups.count();
    }

    private boolean listening() {
        if (listener != null) {
            return true;
        }
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (Statement listen = connection.createStatement()) {
                listen.execute("LISTEN " + CHANNEL);
            }
            listener = connection;
            if (lostReported) {
                log.info("Outbox relay listens for commits again");
                lostReported = false;
            }
            // Opened just now: whatever was committed before the LISTEN was not announced to us.
            return false;
        } catch (SQLException e) {
            closeQuietly(connection);
            reportLost(e);
            return false;
        }
    }

    private boolean waitForNotification() {
        Connection connection = listener;
        try {
            var notifications = connection.unwrap(PGConnection.class).getNotifications(idleWaitMs);
            if (notifications != null && notifications.length > 0) {
                return true;
            }
            // Quiet for a whole idle wait: make sure that is not a dead connection keeping us deaf.
            if (!connection.isValid(VALIDATION_TIMEOUT_S)) {
                throw new SQLException("listening connection is no longer valid");
            }
            return false;
        } catch (SQLException e) {
            listener = null;
            closeQuietly(connection);
            if (!closed) {
                reportLost(e);
            }
            return false;
        }
    }

    private void reportLost(SQLException e) {
        if (!lostReported) {
            // The exception's class and SQLState name the cause; its message adds host names, not news.
            log.warn(
                    "Outbox relay cannot listen for commits ({} {}); it polls every tick until it can",
                    e.getClass().getSimpleName(),
                    e.getSQLState());
            lostReported = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection connection = listener;
        listener = null;
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            // Closing a broken connection: nothing more to do with it.
        }
    }
}
