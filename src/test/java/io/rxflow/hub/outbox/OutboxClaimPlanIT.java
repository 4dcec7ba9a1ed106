package io.rxflow.hub.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rxflow.hub.faults.FaultSupport;
import io.rxflow.hub.support.ClaimPlans;
import io.rxflow.hub.support.SqlFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The relay's claim after many rows were published and before VACUUM has run: every published row
 * left a dead entry in {@code outbox_pending_idx}. With {@code outbox-claim-plan.sql} first (as the
 * relay runs it) the claim walks that index, marks the dead entries the first time and skips them
 * after; without it PostgreSQL picks a bitmap scan that re-reads all of them on every claim. Counted
 * in buffers (deterministic), not timed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutboxClaimPlanIT {
    private static final int PUBLISHED = 5_000;
    private static final int PENDING = 10;

    private String database;
    private JdbcTemplate jdbc;

    @BeforeAll
    void publishManyRows() {
        database = FaultSupport.migratedDatabase("outbox_claim");
        jdbc = FaultSupport.jdbc(database);
        // No VACUUM during the test: the dead entries stay, as between two autovacuum runs.
        jdbc.execute("ALTER TABLE outbox SET (autovacuum_enabled = false)");
        jdbc.update(
                """
                INSERT INTO outbox (aggregate_id, message_type, topic, message_id, headers, payload, created_at)
                SELECT gen_random_uuid(), 'NewRx', 'ncpdp.outbound.1234563', 'claim-plan-' || g, '{}', '<Message/>', now()
                FROM generate_series(1, ?) g""",
                PUBLISHED + PENDING);
        // Statistics as autoanalyze leaves them under load (a couple of hundred rows waiting when it ran):
        // with them PostgreSQL estimates ~200 pending rows and, left alone, plans a bitmap scan.
        publishUpTo(PUBLISHED - 200);
        jdbc.execute("ANALYZE outbox");
        publishUpTo(PUBLISHED);
    }

    private void publishUpTo(int rows) {
        jdbc.update(
                "UPDATE outbox SET published_at = now() WHERE published_at IS NULL AND id < (SELECT min(id) FROM outbox) + ?",
                rows);
    }

    @AfterAll
    void dropIt() {
        FaultSupport.dropDatabase(database);
    }

    @Test
    @Order(2)
    void theRelaysClaimWalksThePendingIndexAndStopsReReadingPublishedRows() {
        JsonNode first = claimPlan(true);
        JsonNode second = claimPlan(true);

        assertThat(ClaimPlans.scans(first)).containsExactly("Index Scan on outbox_pending_idx");
        assertThat(ClaimPlans.scans(second)).containsExactly("Index Scan on outbox_pending_idx");
        assertThat(second.path("Actual Rows").asInt()).isEqualTo(PENDING);
        // Once passed, the dead entries cost a few index pages, not a read of every published row.
        assertThat(ClaimPlans.buffers(second)).isLessThan(100);
    }

    @Test
    @Order(1) // first: once an index scan has marked the dead entries, a bitmap scan skips them too
    void withoutThePlanSettingEveryClaimReReadsThePublishedRows() {
        // The control: what the relay did before, so the check above can fail.
        claimPlan(false);
        JsonNode again = claimPlan(false);

        assertThat(ClaimPlans.scans(again)).doesNotContain("Index Scan on outbox_pending_idx");
        assertThat(ClaimPlans.buffers(again)).isGreaterThan(PUBLISHED / 100);
    }

    /** EXPLAIN ANALYZE of the relay's claim in a transaction of its own, rolled back (nothing claimed). */
    private JsonNode claimPlan(boolean withPlanSetting) {
        return ClaimPlans.explain(
                jdbc,
                withPlanSetting ? "outbox-claim-plan.sql" : null,
                SqlFiles.load("outbox-claim.sql").replace(":#batchSize", "200"));
    }
}
