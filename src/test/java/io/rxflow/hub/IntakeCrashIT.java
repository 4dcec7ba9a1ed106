package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A 201 means committed, also with group commit, when the database connection dies between the
 * batch's statements and its commit. The test holds a lock on the outbox so that the batch stops
 * there with its read model and events written but not committed, then kills its connection with
 * {@code pg_terminate_backend}. A long linger gathers the requests into one batch, so that the kill hits a
 * batch of several and the one-command-per-transaction retry runs.
 */
@TestPropertySource(properties = "rxflow.intake.linger=2s")
@DirtiesContext
class IntakeCrashIT extends HubIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REQUESTS = 5;

    @Autowired
    private DataSource dataSource;

    private final ExecutorService clients = Executors.newFixedThreadPool(REQUESTS);

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void answersNothingCreatedWhenEveryTransactionHoldingTheRequestsIsKilled() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> answers;
        try (Connection lock = outboxLock()) {
            answers = send("ORD-CRASH-ALL-");
            awaitBatchWaitingOnTheLock();
            assertThat(answers).as("no answer before the commit").noneMatch(CompletableFuture::isDone);
            // The batch, then each command written again on its own: every transaction is killed.
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        waitingOnTheLock().forEach(this::terminate);
                        return answers.stream().allMatch(CompletableFuture::isDone);
                    });
            lock.rollback();
        }
        assertThat(answers.stream().map(a -> a.join().statusCode()))
                .as("no request answered as stored")
                .noneMatch(s -> s == 201 || s == 200);
        assertThat(stored("ORD-CRASH-ALL-")).isZero();

        List<HttpResponse<String>> again =
                send("ORD-CRASH-ALL-").stream().map(CompletableFuture::join).toList();
        assertThat(again).allMatch(r -> r.statusCode() == 201);
        assertThat(stored("ORD-CRASH-ALL-")).isEqualTo(REQUESTS);
    }

    @Test
    void writesTheCommandsOfAKilledBatchAgainAndAnswersEachAfterItsCommit() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> answers;
        try (Connection lock = outboxLock()) {
            answers = send("ORD-CRASH-ONCE-");
            List<Integer> batch = awaitBatchWaitingOnTheLock();
            terminate(batch.get(0));
            // A killed batch of several is written again one command per transaction (waiting on the
            // lock in turn); a killed batch of one is answered with its error.
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !waitingOnTheLock().contains(batch.get(0)));
            assertThat(answers)
                    .as("nothing answered as stored before the commit")
                    .noneMatch(a -> a.isDone() && a.join().statusCode() / 100 == 2);
            lock.rollback();
        }
        List<HttpResponse<String>> done =
                answers.stream().map(CompletableFuture::join).toList();
        List<HttpResponse<String>> created =
                done.stream().filter(r -> r.statusCode() == 201).toList();
        // A killed batch of one is answered with its error: the connection was lost, so 503 (send again).
        assertThat(done)
                .allMatch(r -> r.statusCode() == 201
                        || (r.statusCode() == 503
                                && r.headers().firstValue("Retry-After").isPresent()));
        for (HttpResponse<String> r : created) {
            String id = JSON.readTree(r.body()).get("id").asText();
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM prescription_event WHERE prescription_id = CAST(? AS uuid)",
                            Integer.class,
                            id))
                    .isEqualTo(3);
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM outbox WHERE aggregate_id = CAST(? AS uuid)", Integer.class, id))
                    .isEqualTo(1);
        }
        assertThat(stored("ORD-CRASH-ONCE-")).as("stored = answered 201").isEqualTo(created.size());
        assertThat(send("ORD-CRASH-ONCE-").stream().map(CompletableFuture::join))
                .as("sent again: the stored ones found (200), the failed ones stored now (201)")
                .allMatch(r -> r.statusCode() == 200 || r.statusCode() == 201);
        assertThat(stored("ORD-CRASH-ONCE-")).isEqualTo(REQUESTS);
    }

    /** A transaction holding the outbox in SHARE mode: inserts wait, the relay's SKIP LOCKED reads do not. */
    private Connection outboxLock() throws Exception {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("LOCK TABLE outbox IN SHARE MODE");
        }
        return c;
    }

    private List<CompletableFuture<HttpResponse<String>>> send(String orderPrefix) {
        String envelope = Fixtures.named("valid", "lisinopril-daily-envelope").envelope();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String body = envelope.replace("ORD-2026-000117", orderPrefix + i);
            answers.add(CompletableFuture.supplyAsync(
                    () -> hub().post("/api/v1/prescriptions", "application/json", body), clients));
        }
        return answers;
    }

    private List<Integer> awaitBatchWaitingOnTheLock() {
        await().atMost(Duration.ofSeconds(60)).until(() -> !waitingOnTheLock().isEmpty());
        return waitingOnTheLock();
    }

    /** Intake transactions stopped at the outbox insert, with their claim and events written. */
    private List<Integer> waitingOnTheLock() {
        return jdbc.queryForList(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO outbox%'",
                Integer.class);
    }

    private void terminate(int pid) {
        jdbc.queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, pid);
    }

    private int stored(String orderPrefix) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM prescription WHERE medication_request::text LIKE ?",
                Integer.class,
                "%" + orderPrefix + "%");
    }
}
