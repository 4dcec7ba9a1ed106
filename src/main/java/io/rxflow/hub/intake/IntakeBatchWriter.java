package io.rxflow.hub.intake;

import io.rxflow.hub.support.SqlFiles;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a batch of intake commands in one transaction with one multi-row statement per table:
 * claim the idempotency keys (read model), append the events and the outbox rows of the claimed
 * ones, and look up the prescriptions holding the keys that were claimed before. Either the whole
 * batch commits or none of it does.
 */
public class IntakeBatchWriter implements GroupCommit.BatchWriter {
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final IntakeResults results;
    private final String claim = SqlFiles.load("intake-claim-batch.sql");
    private final String findByKeys = SqlFiles.load("intake-find-by-keys.sql");
    private final String appendEvents = SqlFiles.load("event-append-batch.sql");
    private final String appendOutbox = SqlFiles.load("outbox-append-batch.sql");

    public IntakeBatchWriter(DataSource dataSource, PlatformTransactionManager transactions, IntakeResults results) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(transactions);
        this.results = results;
    }

    /**
     * Stores the batch and returns one result per command, in the order given: created, or (200) the
     * prescription that already holds its key, also when that is an earlier command of the same batch.
     * Returns only after the commit; throws when the transaction failed, and then nothing of it is stored.
     */
    @Override
    public List<IntakeResult> write(List<IntakeCommand> commands) {
        return tx.execute(status -> writeInTransaction(commands));
    }

    private List<IntakeResult> writeInTransaction(List<IntakeCommand> commands) {
        // Concurrent batches wait on each other's keys in one order (sorted), so they cannot deadlock;
        // the sort is stable, so of two commands with one key the earlier one wins.
        List<IntakeCommand> ordered = commands.stream()
                .sorted(Comparator.comparing(IntakeCommand::idempotencyKey))
                .toList();
        Set<String> claimed = new HashSet<>(jdbc.queryForList(
                claim, columns(ordered.stream().map(IntakeCommand::claimParams).toList()), String.class));
        List<Map<String, Object>> events = new ArrayList<>();
        List<Map<String, Object>> outbox = new ArrayList<>();
        List<String> taken = new ArrayList<>();
        for (IntakeCommand c : ordered) {
            if (claimed.contains(c.id())) {
                events.addAll(c.eventParams());
                if (c.routed()) {
                    outbox.add(c.outboxParams());
                }
            } else {
                taken.add(c.idempotencyKey());
            }
        }
        if (!events.isEmpty()) {
            jdbc.update(appendEvents, columns(events));
        }
        if (!outbox.isEmpty()) {
            jdbc.update(appendOutbox, columns(outbox));
        }
        Map<String, Map<String, Object>> holders = new HashMap<>();
        if (!taken.isEmpty()) {
            jdbc.queryForList(
                            findByKeys,
                            columns(taken.stream()
                                    .map(k -> Map.<String, Object>of("idempotencyKey", k))
                                    .toList()))
                    .forEach(row -> holders.put((String) row.get("idempotency_key"), row));
        }
        return commands.stream()
                .map(c -> claimed.contains(c.id()) ? results.created(c) : results.existing(holder(holders, c), c))
                .toList();
    }

    private static Map<String, Object> holder(Map<String, Map<String, Object>> holders, IntakeCommand c) {
        Map<String, Object> row = holders.get(c.idempotencyKey());
        if (row == null) {
            throw new IllegalStateException("Idempotency key neither claimed nor held by a prescription");
        }
        return row;
    }

    /** One text array per named parameter (the keys of the rows), cast to its column type in the SQL. */
    static MapSqlParameterSource columns(List<Map<String, Object>> rows) {
        var source = new MapSqlParameterSource();
        for (String name : rows.get(0).keySet()) {
            String[] values = new String[rows.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = text(rows.get(i).get(name));
            }
            source.addValue(name, new TextArray(values));
        }
        return source;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof OffsetDateTime t ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t) : value.toString();
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
