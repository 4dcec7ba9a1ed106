package io.rxflow.hub.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rxflow.hub.faults.FaultSupport;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay's sleep between commits against a real PostgreSQL migrated by the hub's own migrations
 * (the trigger is V64's). The idle wait is long (30 s) where a test shows a prompt return, so a
 * return in seconds can only be the notification or the rule being tested, never the idle poll.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxWakeupIT {
    private static final long LONG_IDLE_MS = 30_000;
    private static final Duration PROMPT = Duration.ofSeconds(10);

    private String database;
    private DriverManagerDataSource dataSource;
    private JdbcTemplate jdbc;
    private OutboxWakeup wakeup;

    @BeforeAll
    void migrate() {
        database = FaultSupport.migratedDatabase("outbox_wakeup");
        jdbc = FaultSupport.jdbc(database);
        dataSource = (DriverManagerDataSource) jdbc.getDataSource();
    }

    @AfterEach
    void closeWakeup() {
        if (wakeup != null) {
            wakeup.close();
        }
    }

    @AfterAll
    void dropIt() {
        FaultSupport.dropDatabase(database);
    }

    @Test
    void aCommitThatAddsRowsWakesTheRelayAtOnce() throws Exception {
        wakeup = listeningAndDrained(LONG_IDLE_MS);
        long start = System.nanoTime();

        boolean notified = awaitWhileCommitting(wakeup, 3);

        assertThat(notified).as("woken by the commit's notification").isTrue();
        assertThat(since(start)).isLessThan(PROMPT);
    }

    @Test
    void aRolledBackInsertWakesNobody() {
        wakeup = listeningAndDrained(1_500);
        insertRows(2, false);

        long start = System.nanoTime();
        boolean notified = wakeup.await();

        assertThat(notified).isFalse();
        assertThat(since(start)).as("slept the whole idle wait").isGreaterThanOrEqualTo(Duration.ofMillis(1_400));
    }

    @Test
    void withoutACommitItSleepsTheIdleWaitAndNotLonger() {
        wakeup = listeningAndDrained(1_000);

        long start = System.nanoTime();
        boolean notified = wakeup.await();

        assertThat(notified).isFalse();
        assertThat(since(start)).isBetween(Duration.ofMillis(900), PROMPT);
        assertThat(wakeup.isListening())
                .as("the idle check found the connection alive")
                .isTrue();
    }

    @Test
    void aRunThatDidNotDrainTheOutboxIsFollowedByAnotherWithoutWaiting() {
        wakeup = listeningAndDrained(LONG_IDLE_MS);
        insertRows(1, true);
        assertThat(wakeup.await()).isTrue();
        // The run fails (broker down, say) and never reports drained: the next tick looks again at once.

        long start = System.nanoTime();
        wakeup.await();

        assertThat(since(start)).isLessThan(PROMPT);
    }

    @Test
    void aDroppedListeningConnectionIsReopenedAndTheRelayLooksAtOnce() throws Exception {
        wakeup = listeningAndDrained(LONG_IDLE_MS);
        Integer terminated = FaultSupport.admin()
                .queryForObject(
                        "SELECT count(pg_terminate_backend(pid))::int FROM pg_stat_activity"
                                + " WHERE datname = ? AND query = 'LISTEN " + OutboxWakeup.CHANNEL + "'",
                        Integer.class,
                        database);
        assertThat(terminated).isEqualTo(1);

        long start = System.nanoTime();
        wakeup.await(); // notices the loss
        wakeup.await(); // reopens: rows committed meanwhile were never announced, so no wait
        assertThat(since(start)).isLessThan(PROMPT);
        assertThat(wakeup.isListening()).isTrue();

        wakeup.drained();
        assertThat(awaitWhileCommitting(wakeup, 1))
                .as("the new connection is listening")
                .isTrue();
        assertThat(since(start)).isLessThan(PROMPT.multipliedBy(2));
    }

    @Test
    void turnedOffItNeverWaitsNorHoldsAConnection() {
        wakeup = new OutboxWakeup(dataSource, false, LONG_IDLE_MS, new SimpleMeterRegistry());
        wakeup.drained();

        long start = System.nanoTime();
        assertThat(wakeup.await()).isFalse();

        assertThat(since(start)).isLessThan(PROMPT);
        assertThat(wakeup.isListening()).isFalse();
    }

    /** A wakeup that has opened its connection and been told the outbox is drained, as after a run. */
    private OutboxWakeup listeningAndDrained(long idleWaitMs) {
        var w = new OutboxWakeup(dataSource, true, idleWaitMs, new SimpleMeterRegistry());
        long start = System.nanoTime();
        assertThat(w.await()).as("the first call only connects").isFalse();
        assertThat(since(start)).as("and does not wait").isLessThan(PROMPT);
        assertThat(w.isListening()).isTrue();
        w.drained();
        return w;
    }

    /**
     * Calls {@code await} on another thread and, once that call has begun, commits rows from this
     * one; whether the commit lands before or during the wait, only its notification ends a 30 s wait
     * within {@link #PROMPT}.
     */
    private boolean awaitWhileCommitting(OutboxWakeup w, int statements) throws Exception {
        var started = new CountDownLatch(1);
        CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> {
            started.countDown();
            return w.await();
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        insertRows(statements, true);
        return woken.get(PROMPT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Rows as a group commit writes them: several statements in one transaction. */
    private void insertRows(int statements, boolean commit) {
        var tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        tx.executeWithoutResult(status -> {
            for (int i = 0; i < statements; i++) {
                jdbc.update(
                        """
                        INSERT INTO outbox (aggregate_id, message_type, topic, message_id, headers, payload, created_at)
                        VALUES (gen_random_uuid(), 'NewRx', 'ncpdp.outbound.1234563', gen_random_uuid()::text, '{}', '<Message/>', now())""");
            }
            if (!commit) {
                status.setRollbackOnly();
            }
        });
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
