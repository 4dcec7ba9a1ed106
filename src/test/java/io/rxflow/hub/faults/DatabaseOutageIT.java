package io.rxflow.hub.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rxflow.hub.faults.PrescriptionLoad.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PostgreSQL unavailable, for a hub in a JVM of its own whose database connections go through a
 * loopback proxy: its connections cut by {@code pg_terminate_backend} under load, and the database
 * made unreachable (proxy stopped) and reachable again. Intake answers 503 with Retry-After and an
 * OperationOutcome (never 500), readiness drops while the database is away, nothing is stored
 * half-way, and the hub recovers by itself.
 */
@Tag("fault")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageIT {
    private final Path dir =
            Path.of("target/faults/database-outage-" + ProcessHandle.current().pid());
    private final Started started = new Started();
    private final Set<String> acknowledged = new HashSet<>();
    private String db;
    private TcpProxy proxy;
    private SimulatorProcess sim;
    private HubProcess hub;
    private JdbcTemplate jdbc;

    @BeforeAll
    void startHub() {
        db = started.freshDatabase("fault_pg");
        jdbc = FaultSupport.jdbc(db);
        proxy = keep(new TcpProxy("127.0.0.1", 5432).start());
        sim = keep(new SimulatorProcess(dir).start());
        var kafka = keep(new KafkaCluster(dir.resolve("kafka"), 1).start());
        hub = keep(new HubProcess(
                "hub",
                dir,
                "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + db,
                kafka.bootstrapServers(),
                sim.baseUrl(),
                List.of()));
        hub.start();
    }

    @AfterAll
    void stopEverything() {
        started.close();
    }

    @Test
    void answers503WhileItsConnectionsAreTerminatedAndStoresNothingHalfWay() {
        var load =
                keep(new PrescriptionLoad("PGTERM-" + System.nanoTime(), 300)).start(4, hub::client);
        int terminated = 0;
        while (!load.finished() && load.outcomes().size() < 300) {
            load.awaitAcknowledged(load.acknowledgedSoFar() + 15, Duration.ofSeconds(10));
            terminated += FaultSupport.admin()
                    .queryForList(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                    + " WHERE datname = ? AND pid <> pg_backend_pid()",
                            Boolean.class,
                            db)
                    .size();
            if (load.outcomes().size() >= 300) {
                break;
            }
        }
        load.awaitEnd(Duration.ofMinutes(3));
        List<Outcome> outcomes = load.outcomes();
        List<Outcome> refused = outcomes.stream().filter(o -> !o.acknowledged()).toList();
        // A connection lost at any point of the intake batch (claim, events, outbox, COMMIT) fails
        // the request's future; rx-api-errors answers it 503 with Retry-After. Never a 500.
        List<Outcome> answered503 =
                refused.stream().filter(o -> o.status() == 503).toList();
        assertThat(refused)
                .as("every refusal while connections are terminated is a 503")
                .allSatisfy(o -> assertThat(o.status()).as(o.toString()).isEqualTo(503));
        assertThat(answered503).allSatisfy(o -> {
            assertThat(o.retryAfter()).isEqualTo("5");
            assertThat(o.body()).contains("OperationOutcome").contains("transient");
        });
        outcomes.stream().filter(Outcome::acknowledged).forEach(o -> acknowledged.add(o.id()));
        int committedThough503 = 0;
        for (Outcome o : refused) {
            // As a client must: send again, after Retry-After while the hub still says 503 (its database
            // probe may report the last terminated connection for a moment).
            Outcome again = load.send(hub.client(), o.index(), o.envelope());
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (again.status() == 503 && System.nanoTime() < until) {
                FaultSupport.pause(Duration.ofSeconds(Long.parseLong(again.retryAfter())));
                again = load.send(hub.client(), o.index(), o.envelope());
            }
            assertThat(again.status()).as(again.toString()).isIn(200, 201);
            committedThough503 += again.status() == 200 ? 1 : 0;
            acknowledged.add(again.id());
        }
        assertNothingHalfWay();
        KillNineUnderLoadIT.awaitDelivered(jdbc, acknowledged.size(), Duration.ofMinutes(3), hub);
        assertDeliveredOnce();

        Properties figures = new Properties();
        figures.put("requests", String.valueOf(outcomes.size()));
        figures.put("backends_terminated", String.valueOf(terminated));
        figures.put("answered_503", String.valueOf(answered503.size()));
        figures.put("resent_failure_answered_200_was_committed", String.valueOf(committedThough503));
        figures.put("delivered_exactly_once", String.valueOf(acknowledged.size()));
        FaultSupport.report("database-connections-terminated", figures);
    }

    @Test
    void answers503AndIsNotReadyWhileTheDatabaseIsUnreachableThenRecoversByItself() {
        var load = new PrescriptionLoad("PGDOWN-" + System.nanoTime(), 100);
        var client = hub.client();
        Outcome before = load.send(client, 0, load.envelope(0));
        assertThat(before.status()).as(before.body()).isEqualTo(201);
        acknowledged.add(before.id());

        List<Outcome> refused = new ArrayList<>();
        long t0 = System.nanoTime();
        long answerMs;
        long notReadyMs;
        proxy.stop();
        try {
            for (int i = 1; i <= 3; i++) {
                refused.add(load.send(client, i, load.envelope(i)));
            }
            answerMs = (System.nanoTime() - t0) / 1_000_000 / 3;
            assertThat(refused).allSatisfy(o -> {
                assertThat(o.status()).as(o.body()).isEqualTo(503);
                assertThat(o.retryAfter()).isEqualTo("5");
                assertThat(o.body()).contains("OperationOutcome");
            });
            notReadyMs = (awaitReadiness(503, Duration.ofSeconds(60)) - t0) / 1_000_000;
            assertThat(client.get("/actuator/health/liveness").statusCode())
                    .as("liveness stays UP: a restart would not bring the database back")
                    .isEqualTo(200);
        } finally {
            proxy.start();
        }
        long t1 = System.nanoTime();
        awaitReadiness(200, Duration.ofSeconds(60));
        long readyAgainMs = (System.nanoTime() - t1) / 1_000_000;
        for (Outcome o : refused) {
            // A client resends after Retry-After: the API gate probes the database on its own
            // interval, so it may still answer 503 for a moment after readiness is back.
            AtomicReference<Outcome> resent = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        resent.set(load.send(client, o.index(), o.envelope()));
                        return resent.get().status() != 503;
                    });
            Outcome again = resent.get();
            assertThat(again.status())
                    .as("refused while unreachable, so never stored: " + again.body())
                    .isEqualTo(201);
            acknowledged.add(again.id());
        }
        assertNothingHalfWay();
        KillNineUnderLoadIT.awaitDelivered(jdbc, acknowledged.size(), Duration.ofMinutes(3), hub);
        assertDeliveredOnce();

        Properties figures = new Properties();
        figures.put("mean_503_answer_ms", String.valueOf(answerMs));
        figures.put("readiness_down_after_ms", String.valueOf(notReadyMs));
        figures.put("readiness_up_after_return_ms", String.valueOf(readyAgainMs));
        FaultSupport.report("database-unreachable", figures);
    }

    private long awaitReadiness(int status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            try {
                last = hub.client().get("/actuator/health/readiness").statusCode();
            } catch (RuntimeException e) {
                last = -1;
            }
            if (last == status) {
                return System.nanoTime();
            }
            FaultSupport.pause(Duration.ofMillis(250));
        }
        throw new AssertionError("readiness answered " + last + ", not " + status + ", for " + timeout);
    }

    /** Every stored prescription has its three intake events and one outbox row; no event without it. */
    private void assertNothingHalfWay() {
        assertThat(new HashSet<>(jdbc.queryForList("SELECT id::text FROM prescription", String.class)))
                .isEqualTo(acknowledged);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM prescription p WHERE"
                                + " (SELECT count(*) FROM outbox o WHERE o.aggregate_id = p.id) <> 1"
                                + " OR (SELECT count(*) FROM prescription_event e WHERE e.prescription_id = p.id"
                                + "     AND e.event_type IN ('PrescriptionReceived', 'PrescriptionValidated',"
                                + "                          'NewRxPrepared')) <> 3",
                        Long.class))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM prescription_event e"
                                + " WHERE NOT EXISTS (SELECT 1 FROM prescription p WHERE p.id = e.prescription_id)",
                        Long.class))
                .isZero();
    }

    private void assertDeliveredOnce() {
        assertThat(jdbc.queryForList(
                        "SELECT count(*) FROM prescription_event WHERE event_type = 'Dispatched'"
                                + " GROUP BY prescription_id HAVING count(*) <> 1",
                        Long.class))
                .isEmpty();
        List<String> received = new ArrayList<>();
        for (String p : PrescriptionLoad.PHARMACIES) {
            received.addAll(sim.received(p).messageIds());
        }
        assertThat(received)
                .containsExactlyInAnyOrderElementsOf(
                        jdbc.queryForList("SELECT newrx_message_id FROM prescription", String.class));
    }

    private <T extends AutoCloseable> T keep(T resource) {
        return started.keep(resource);
    }
}
