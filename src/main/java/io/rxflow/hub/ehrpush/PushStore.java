package io.rxflow.hub.ehrpush;

import io.rxflow.hub.support.SqlFiles;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SQL of the push rows ({@code sql/ehr-push-*.sql}), each statement its own transaction; the claim's
 * transaction first sets its plan ({@code ehr-push-claim-plan.sql}).
 */
final class PushStore {
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final String ehrs;
    private final String claimPlan = SqlFiles.load("ehr-push-claim-plan.sql");
    private final String claim = SqlFiles.load("ehr-push-claim.sql");
    private final String done = SqlFiles.load("ehr-push-done.sql");
    private final String failed = SqlFiles.load("ehr-push-failed.sql");
    private final String pending = SqlFiles.load("ehr-push-pending.sql");

    PushStore(DataSource dataSource, Set<String> ehrs) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.ehrs = String.join(",", new TreeSet<>(ehrs));
    }

    /** Due rows of the configured EHRs, oldest first, leased for {@code lease}. */
    List<Push> claim(int batchSize, Duration lease) {
        if (ehrs.isEmpty()) {
            return List.of();
        }
        List<Push> claimed = tx.execute(status -> {
            jdbc.getJdbcTemplate().execute(claimPlan);
            return jdbc.query(
                    claim,
                    Map.of("ehrs", ehrs, "batchSize", batchSize, "leaseSeconds", seconds(lease)),
                    (rs, n) -> new Push(
                            rs.getLong("id"),
                            rs.getString("ehr"),
                            rs.getObject("prescription_id", UUID.class),
                            rs.getString("resource_type"),
                            rs.getString("resource_id"),
                            rs.getInt("attempts")));
        });
        return claimed.stream().sorted(Comparator.comparingLong(Push::id)).toList();
    }

    void done(long id) {
        jdbc.update(done, Map.of("id", id));
    }

    /** Keeps the row, due again after {@code delay}; returns its attempts so far. */
    int failed(long id, String error, Duration delay) {
        return jdbc.queryForObject(
                failed, Map.of("id", id, "error", error, "delaySeconds", seconds(delay)), Integer.class);
    }

    long pending() {
        return jdbc.queryForObject(pending, Map.of(), Long.class);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
