package io.rxflow.hub.dispatch;

import io.rxflow.hub.eventstore.DispatchOutcome;
import io.rxflow.hub.outbox.EhrPushRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a batch of delivery outcomes in one transaction with one multi-row statement per table, as
 * the intake batch writer does: the de-duplication records ({@code processed_message}), the read model
 * and the events. An outcome whose message another delivery already recorded writes nothing more; one
 * whose prescription is not in the database is recorded as processed and named in the log (no stream to
 * append to). Generic on the outcome: any SCRIPT message type the dispatch or reply flows record.
 */
public class OutcomeBatchWriter implements DispatchRecorder.BatchWriter {
    private static final Logger log = LoggerFactory.getLogger(OutcomeBatchWriter.class);
    private static final String ACTOR = "rxflow-hub";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final String genericPlans = sql("dispatch-generic-plans");
    private final String mark = sql("dispatch-mark-processed-batch");
    private final String advance = sql("prescription-advance-batch");
    private final String appendEvents = sql("event-append-batch");

    private final EhrPushRows ehrPushes;

    public OutcomeBatchWriter(DataSource dataSource, PlatformTransactionManager transactions) {
        this(dataSource, transactions, new EhrPushRows(dataSource, Set.of()));
    }

    /** {@code ehrPushes}: a delivered renewal or change response changes its Task on the EHR's server. */
    public OutcomeBatchWriter(DataSource dataSource, PlatformTransactionManager transactions, EhrPushRows ehrPushes) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(transactions);
        this.ehrPushes = ehrPushes;
    }

    /** Returns, per outcome in the order given, whether it was recorded now; only after the commit. */
    @Override
    public List<Boolean> write(List<DispatchOutcome> outcomes) {
        return tx.execute(status -> writeInTransaction(outcomes));
    }

    private List<Boolean> writeInTransaction(List<DispatchOutcome> outcomes) {
        Set<String> marked = new HashSet<>();
        jdbc.getJdbcTemplate().queryForObject(genericPlans, String.class);
        jdbc.query(
                mark,
                columns(outcomes, o -> new String[] {o.consumer(), o.messageId()}, "consumer", "messageId"),
                rs -> {
                    marked.add(key(rs.getString(1), rs.getString(2)));
                });
        // First outcome of each (consumer, message id) only: a second copy in the same batch is a duplicate.
        List<Boolean> result = new ArrayList<>(outcomes.size());
        List<DispatchOutcome> recorded = new ArrayList<>();
        for (DispatchOutcome o : outcomes) {
            boolean now = marked.remove(key(o.consumer(), o.messageId()));
            result.add(now);
            if (now) {
                recorded.add(o);
            }
        }
        if (recorded.isEmpty()) {
            return result;
        }
        Map<Integer, Integer> versions = new HashMap<>();
        jdbc.query(
                advance,
                columns(recorded, o -> new String[] {o.prescriptionId(), o.status()}, "prescriptionId", "status"),
                rs -> {
                    versions.put(rs.getInt(1), rs.getInt(2));
                });
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Map<String, Object>> events = new ArrayList<>();
        List<String> prescriptions = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < recorded.size(); i++) {
            DispatchOutcome o = recorded.get(i);
            Integer version = versions.get(i + 1);
            if (version == null) {
                log.warn("Outcome of message {} not recorded: its prescription is not in the database", o.messageId());
            } else {
                events.add(o.eventParams(version, ACTOR, o.messageId(), now));
                prescriptions.add(o.prescriptionId());
                messages.add(o.messageId());
            }
        }
        if (!events.isEmpty()) {
            jdbc.update(appendEvents, rows(events));
            ehrPushes.delivered(prescriptions, messages);
        }
        return result;
    }

    private static String key(String consumer, String messageId) {
        return consumer + '\n' + messageId;
    }

    private static MapSqlParameterSource columns(
            List<DispatchOutcome> outcomes, Function<DispatchOutcome, String[]> row, String... names) {
        var source = new MapSqlParameterSource();
        String[][] values = new String[names.length][outcomes.size()];
        for (int i = 0; i < outcomes.size(); i++) {
            String[] r = row.apply(outcomes.get(i));
            for (int c = 0; c < names.length; c++) {
                values[c][i] = r[c];
            }
        }
        for (int c = 0; c < names.length; c++) {
            source.addValue(names[c], new TextArray(values[c]));
        }
        return source;
    }

    /** One text array per named parameter (the keys of the rows), cast to its column type in the SQL. */
    private static MapSqlParameterSource rows(List<Map<String, Object>> rows) {
        var source = new MapSqlParameterSource();
        for (String name : rows.get(0).keySet()) {
            String[] values = new String[rows.size()];
            for (int i = 0; i < values.length; i++) {
                Object v = rows.get(i).get(name);
                values[i] = v == null
                        ? null
                        : v instanceof OffsetDateTime t
                                ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t)
                                : v.toString();
            }
            source.addValue(name, new TextArray(values));
        }
        return source;
    }

    private static String sql(String name) {
        try {
            return new ClassPathResource("sql/" + name + ".sql").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("sql/" + name + ".sql is missing from the jar", e);
        }
    }

    /** A {@code text[]} parameter, made on the statement's own connection. */
    private static final class TextArray extends AbstractSqlTypeValue {
        private final String[] values;

        TextArray(String[] values) {
            this.values = values;
        }

        @Override
        protected Object createTypeValue(Connection con, int sqlType, String typeName) throws SQLException {
            return con.createArrayOf("text", values);
        }
    }
}
