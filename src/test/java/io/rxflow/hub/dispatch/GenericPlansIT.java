package io.rxflow.hub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxflow.hub.eventstore.DispatchOutcome;
import io.rxflow.hub.faults.FaultSupport;
import io.rxflow.hub.support.SqlFiles;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The two statements of the hot path that PostgreSQL planned again on every run (their arrays are
 * constants to a custom plan, which the planner then costs cheaper than the generic one) run on their
 * generic plans: the dispatch group commit's read-model move and the relay's mark. Counted from
 * {@code pg_prepared_statements} of the one connection that ran them (plans, not times); each test
 * also shows, on another connection, that without the plan setting PostgreSQL does choose custom
 * plans, so the check can fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GenericPlansIT {
    /** pgjdbc prepares a statement on the server from its fifth run; the plan cache decides from then. */
    private static final int RUNS = 12;

    private String database;
    private SingleConnectionDataSource connection;
    private JdbcTemplate jdbc;

    @BeforeAll
    void migrate() {
        database = FaultSupport.migratedDatabase("generic_plans");
    }

    @AfterAll
    void drop() {
        FaultSupport.dropDatabase(database);
    }

    @BeforeEach
    void connect() {
        connection = new SingleConnectionDataSource(FaultSupport.serverUrl() + database, "postgres", "", true);
        jdbc = new JdbcTemplate(connection);
    }

    @AfterEach
    void disconnect() {
        connection.destroy();
    }

    @Test
    void theDispatchGroupCommitMovesTheReadModelOnItsGenericPlan() {
        var writer = new OutcomeBatchWriter(connection, new DataSourceTransactionManager(connection));
        for (int i = 0; i < RUNS; i++) {
            String id = prescription();
            var outcome = new DispatchOutcome(id, "rx-dispatch-1234563", "plan-" + id, "delivered", "Dispatched", "{}");
            assertThat(writer.write(List.of(outcome))).containsExactly(true);
            assertThat(jdbc.queryForObject(
                            "SELECT status FROM prescription WHERE id = CAST(? AS uuid)", String.class, id))
                    .isEqualTo("delivered");
        }
        assertThat(plans(jdbc, "Dispatch group commit: moves the read model"))
                .as("generic and custom plans of prescription-advance-batch.sql")
                .containsEntry("custom_plans", 0L)
                .hasEntrySatisfying("generic_plans", n -> assertThat((Long) n).isGreaterThanOrEqualTo(RUNS - 5L));

        // The control: the same statement without the setting, on a connection of its own.
        var control = new SingleConnectionDataSource(FaultSupport.serverUrl() + database, "postgres", "", true);
        try {
            var controlJdbc = new JdbcTemplate(control);
            String advance = SqlFiles.load("prescription-advance-batch.sql")
                    .replace("CAST(:prescriptionId AS text[])", "CAST(? AS text[])")
                    .replace("CAST(:status AS text[])", "CAST(? AS text[])");
            var tx = new TransactionTemplate(new DataSourceTransactionManager(control));
            for (int i = 0; i < RUNS; i++) {
                String id = prescription();
                tx.executeWithoutResult(s -> controlJdbc.queryForList(advance, "{" + id + "}", "{delivered}"));
            }
            assertThat(plans(controlJdbc, "Dispatch group commit: moves the read model"))
                    .hasEntrySatisfying(
                            "custom_plans", n -> assertThat((Long) n).isPositive());
        } finally {
            control.destroy();
        }
    }

    @Test
    void theRelayMarksWhatItPublishedOnItsGenericPlan() {
        assertThat(relayMarks(true)).containsEntry("custom_plans", 0L);
        connection.destroy();
        connect();
        assertThat(relayMarks(false))
                .as("the control: without outbox-claim-plan.sql")
                .hasEntrySatisfying("custom_plans", n -> assertThat((Long) n).isPositive());
    }

    /** The relay's transaction RUNS times on this connection: the plan setting (or not), then the mark. */
    private Map<String, Object> relayMarks(boolean withPlanSetting) {
        String mark = SqlFiles.load("outbox-mark-published.sql").replace(":#ids", "?");
        var tx = new TransactionTemplate(new DataSourceTransactionManager(connection));
        for (int i = 0; i < RUNS; i++) {
            List<Long> ids = jdbc.queryForList(
                    """
                    INSERT INTO outbox (aggregate_id, message_type, topic, message_id, headers, payload, created_at)
                    SELECT gen_random_uuid(), 'NewRx', 'ncpdp.outbound.1234563', gen_random_uuid()::text, '{}', '<Message/>', now()
                    FROM generate_series(1, 3) RETURNING id""",
                    Long.class);
            String idList = ids.stream()
                    .map(String::valueOf)
                    .reduce((a, b) -> a + "," + b)
                    .orElseThrow();
            tx.executeWithoutResult(s -> {
                if (withPlanSetting) {
                    jdbc.queryForMap(SqlFiles.load("outbox-claim-plan.sql"));
                }
                assertThat(jdbc.update(mark, idList)).isEqualTo(3);
            });
        }
        return plans(jdbc, "UPDATE outbox");
    }

    private String prescription() {
        UUID id = UUID.randomUUID();
        jdbc.update(
                """
                INSERT INTO prescription (id, idempotency_key, status, is_controlled, pharmacy_ncpdp_id, version,
                                          medication_request, created_at, updated_at)
                VALUES (?, ?, 'prepared', false, '1234563', 3, '{"resourceType":"MedicationRequest"}', now(), now())""",
                id,
                "plan-" + id);
        return id.toString();
    }

    /** The plan counts of the one server-prepared statement of this session whose text holds {@code marker}. */
    private static Map<String, Object> plans(JdbcTemplate jdbc, String marker) {
        return jdbc.queryForMap(
                "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE ?",
                "%" + marker + "%");
    }
}
