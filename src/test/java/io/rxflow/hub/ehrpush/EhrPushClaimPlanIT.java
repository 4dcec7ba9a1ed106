package io.rxflow.hub.ehrpush;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rxflow.hub.faults.FaultSupport;
import io.rxflow.hub.support.ClaimPlans;
import io.rxflow.hub.support.SqlFiles;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The EHR push sender's claim after many rows were pushed and before VACUUM has run: every pushed row
 * left a dead entry in both partial indexes of {@code ehr_push}. With {@code ehr-push-claim-plan.sql}
 * first (as {@link PushStore#claim} runs it) the claim walks the indexes and stops re-reading pushed
 * rows; without it PostgreSQL re-reads them on every claim. Counted in buffers, not timed. The same
 * shape as the outbox relay's claim ({@code OutboxClaimPlanIT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EhrPushClaimPlanIT {
    private static final int PUSHED = 5_000;
    private static final int PENDING = 10;

    private String database;
    private JdbcTemplate jdbc;

    @BeforeAll
    void pushManyRows() {
        database = FaultSupport.migratedDatabase("ehr_push_claim");
        jdbc = FaultSupport.jdbc(database);
        // No VACUUM during the test: the dead entries stay, as between two autovacuum runs.
        jdbc.execute("ALTER TABLE ehr_push SET (autovacuum_enabled = false)");
        // One row per prescription, as a busy EHR's Task changes are: every row is its prescription's oldest.
        jdbc.update(
                """
                INSERT INTO ehr_push (ehr, prescription_id, resource_type, resource_id, created_at, next_attempt_at)
                SELECT 'ehr-a', gen_random_uuid(), 'Task', 'task-' || g, now(), now() - interval '1 minute'
                FROM generate_series(1, ?) g""",
                PUSHED + PENDING);
        // Statistics as autoanalyze leaves them under load: a couple of hundred rows waiting when it ran.
        pushUpTo(PUSHED - 200);
        jdbc.execute("ANALYZE ehr_push");
        pushUpTo(PUSHED);
    }

    private void pushUpTo(int rows) {
        jdbc.update(
                "UPDATE ehr_push SET pushed_at = now() WHERE pushed_at IS NULL AND id < (SELECT min(id) FROM ehr_push) + ?",
                rows);
    }

    @AfterAll
    void dropIt() {
        FaultSupport.dropDatabase(database);
    }

    @Test
    @Order(1) // first: once an index scan has marked the dead entries, other scans skip them too
    void withoutThePlanSettingEveryClaimReReadsThePushedRows() {
        // The control: the claim without its plan setting, so the check below can fail.
        claimPlan(false);
        JsonNode again = claimPlan(false);

        // 214 buffers on PostgreSQL 15 (a bitmap scan and a sequential scan, each over every pushed row).
        assertThat(ClaimPlans.buffers(again)).isGreaterThan(PUSHED / 40);
    }

    @Test
    @Order(2)
    void theSendersClaimWalksThePendingIndexesAndStopsReReadingPushedRows() {
        claimPlan(true);
        JsonNode second = claimPlan(true);

        assertThat(ClaimPlans.scans(second))
                .contains("Index Scan on ehr_push_pending_idx")
                .noneMatch(scan -> scan.startsWith("Seq Scan") || scan.startsWith("Bitmap"));
        // Once passed, the dead entries cost a few index pages, not a read of every pushed row.
        // 89 buffers on PostgreSQL 15: the pending rows and their primary-key lookups. Joined to the
        // claim instead of looked up by id, the update walked the whole primary key (7,082).
        assertThat(ClaimPlans.buffers(second)).isLessThan(120);
    }

    @Test
    @Order(3)
    void theStoreClaimsThePendingRowsOldestFirstAndLeasesThem() {
        var store = new PushStore(jdbc.getDataSource(), Set.of("ehr-a", "ehr-b"));

        List<Push> claimed = store.claim(200, Duration.ofMinutes(5));

        assertThat(claimed).hasSize(PENDING);
        assertThat(claimed).isSortedAccordingTo((a, b) -> Long.compare(a.id(), b.id()));
        assertThat(store.claim(200, Duration.ofMinutes(5)))
                .as("leased, not due again yet")
                .isEmpty();
    }

    /** EXPLAIN ANALYZE of the sender's claim in a transaction of its own, rolled back (nothing claimed). */
    private JsonNode claimPlan(boolean withPlanSetting) {
        return ClaimPlans.explain(
                jdbc,
                withPlanSetting ? "ehr-push-claim-plan.sql" : null,
                SqlFiles.load("ehr-push-claim.sql")
                        .replace(":ehrs", "'ehr-a,ehr-b'")
                        .replace(":batchSize", "200")
                        .replace(":leaseSeconds", "300"));
    }
}
