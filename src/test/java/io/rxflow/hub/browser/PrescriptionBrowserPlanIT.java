package io.rxflow.hub.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxflow.hub.faults.FaultSupport;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The browser's statements use their indexes on a big table: {@code browser.rows} prescriptions
 * (200,000 in the default build; {@code -Dbrowser.rows=1000000} for the documented figure) in a
 * database of their own migrated by the hub's migrations. Each filter's page is planned without a
 * sequential scan of {@code prescription}. The time of each page is printed, not asserted (speed is
 * measured, docs/operations.md has the figures and the command).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrescriptionBrowserPlanIT {
    private static final int ROWS = Integer.getInteger("browser.rows", 200_000);

    private String database;
    private JdbcTemplate jdbc;

    @BeforeAll
    void fillATable() {
        database = FaultSupport.migratedDatabase("browser_plan");
        jdbc = FaultSupport.jdbc(database);
        long t0 = System.nanoTime();
        jdbc.update(
                """
                INSERT INTO prescription (id, idempotency_key, status, is_controlled, pharmacy_ncpdp_id, version,
                                          medication_request, created_at, updated_at, newrx_message_id)
                SELECT gen_random_uuid(), 'plan-' || g,
                       (ARRAY['delivered','delivered','delivered','prepared','dispatch_failed','routing_failed'])[1 + g % 6],
                       g % 20 = 0, lpad((1000000 + g % 200)::text, 7, '0'), 3,
                       jsonb_build_object('resourceType', 'MedicationRequest', 'contained', jsonb_build_array(
                           jsonb_build_object('resourceType', 'Patient', 'id', 'patient', 'identifier',
                               jsonb_build_array(jsonb_build_object('system', 'urn:mrn', 'value', 'MRN-' || g))))),
                       TIMESTAMPTZ '2026-01-01' + g * INTERVAL '20 seconds', now(), 'plan-msg-' || g
                FROM generate_series(1, ?) g""",
                ROWS);
        jdbc.execute("ANALYZE prescription");
        System.out.printf("browser plan: %d rows loaded in %d s%n", ROWS, (System.nanoTime() - t0) / 1_000_000_000);
    }

    @AfterAll
    void dropIt() {
        FaultSupport.dropDatabase(database);
    }

    @Test
    void everyFilterIsAnIndexScanAndAPageComesBackInTime() {
        OffsetDateTime middle =
                OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).plusSeconds(20L * ROWS / 2);
        Map<String, SearchFilter> filters = new LinkedHashMap<>();
        filters.put("none", filter(null, null, null, null, null, null, null));
        filters.put("status", filter("dispatch_failed", null, null, null, null, null, null));
        filters.put("pharmacy", filter(null, "1000042", null, null, null, null, null));
        filters.put("patient_identifier", filter(null, null, "MRN-" + ROWS / 3, null, null, null, null));
        filters.put("from+to", filter(null, null, null, middle, middle.plusHours(1), null, null));
        filters.put("message_id", filter(null, null, null, null, null, "plan-msg-" + ROWS / 2, null));
        filters.put("controlled", filter(null, null, null, null, null, null, true));
        filters.put("status+pharmacy", filter("prepared", "1000003", null, null, null, null, null));
        filters.put(
                "second page",
                new SearchFilter(
                        "delivered",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        50,
                        new SearchFilter.Cursor(middle, UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"))));
        var named = new NamedParameterJdbcTemplate(jdbc);
        List<String> timings = new ArrayList<>();
        for (var f : filters.entrySet()) {
            var params = new MapSqlParameterSource();
            String sql = PrescriptionBrowser.sql(f.getValue(), params);
            String plan = String.join("\n", named.queryForList("EXPLAIN " + sql, params, String.class));
            assertThat(plan).as(f.getKey() + "\n" + plan).doesNotContain("Seq Scan on prescription");
            named.queryForList(sql, params); // warm
            long t0 = System.nanoTime();
            int rows = named.queryForList(sql, params).size();
            long millis = (System.nanoTime() - t0) / 1_000_000;
            timings.add(f.getKey() + "=" + millis + "ms/" + rows + "rows");
            assertThat(rows).as(f.getKey()).isPositive();
        }
        System.out.println("browser plan at " + ROWS + " rows: " + timings);
    }

    private static SearchFilter filter(
            String status,
            String pharmacy,
            String patient,
            OffsetDateTime from,
            OffsetDateTime to,
            String messageId,
            Boolean controlled) {
        return new SearchFilter(status, pharmacy, patient, from, to, messageId, controlled, 50, null);
    }
}
