package io.rxflow.hub.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rxflow.hub.support.SqlFiles;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Deletes the operational rows older than their retention, a slice of {@code batch-size} rows per
 * statement (each its own short transaction, so no long lock and no long-running delete), at most
 * {@link #MAX_SLICES} slices per table and run; what is left waits for the next run. Counts what it
 * deleted in {@code rxflow_retention_pruned_total{table}}. Safe on several instances at once: a row
 * deleted by another instance is simply not found.
 */
public class RetentionPruner {
    private static final Logger log = LoggerFactory.getLogger(RetentionPruner.class);
    static final int MAX_SLICES = 200;

    /** One pruned table: its name in metrics and logs, its slice statement, its retention. */
    record Table(String name, String sql, Duration keep) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    private final int batchSize;
    private final List<Table> tables;
    private final Map<String, Counter> pruned = new LinkedHashMap<>();

    /** How long each table keeps its rows: {@code rxflow.retention.*} (config/RetentionProperties). */
    public record Ages(
            Duration outboxPublished,
            Duration processedMessages,
            Duration rejections,
            Duration pharmacyMessages,
            Duration ehrPushed) {}

    public RetentionPruner(DataSource dataSource, Clock clock, Ages ages, int batchSize, MeterRegistry meters) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.clock = clock;
        this.batchSize = batchSize;
        this.tables = List.of(
                new Table("outbox", SqlFiles.loadNamed("retention-outbox.sql"), ages.outboxPublished()),
                new Table(
                        "processed_message",
                        SqlFiles.loadNamed("retention-processed-messages.sql"),
                        ages.processedMessages()),
                new Table("intake_rejection", SqlFiles.loadNamed("retention-rejections.sql"), ages.rejections()),
                new Table(
                        "pharmacy_message",
                        SqlFiles.loadNamed("retention-pharmacy-messages.sql"),
                        ages.pharmacyMessages()),
                new Table("ehr_push", SqlFiles.loadNamed("retention-ehr-push.sql"), ages.ehrPushed()));
        for (Table t : tables) {
            pruned.put(
                    t.name(),
                    Counter.builder("rxflow.retention.pruned")
                            .description("Rows deleted by the retention pruner, by table")
                            .tag("table", t.name())
                            .register(meters));
        }
    }

    /** One run over every table; returns the rows deleted per table. */
    public Map<String, Long> prune() {
        Map<String, Long> deleted = new LinkedHashMap<>();
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (Table t : tables) {
            OffsetDateTime cutoff = now.minus(t.keep());
            long total = 0;
            for (int slice = 0; slice < MAX_SLICES; slice++) {
                int n = jdbc.update(
                        t.sql(), new MapSqlParameterSource("cutoff", cutoff).addValue("batchSize", batchSize));
                total += n;
                if (n < batchSize) {
                    break;
                }
            }
            pruned.get(t.name()).increment(total);
            deleted.put(t.name(), total);
            if (total > 0) {
                log.info("Retention: deleted {} rows of {} older than {}", total, t.name(), cutoff);
            }
        }
        return deleted;
    }
}
