package io.rxflow.hub.routing;

import io.rxflow.hub.support.ConflictException;
import io.rxflow.hub.support.SqlFiles;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.Body;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a routing command in one transaction: the read model's move (optimistic on its version),
 * the events and the outbox row. The transaction is Spring's, not a transacted Camel route: a
 * connection lost inside it fails this call with the database's exception, which the API's error
 * handler answers {@code 503} with {@code Retry-After}. (A transacted route's error handler marked
 * such an exchange exhausted when the rollback failed too, and the caller answered an empty 500.)
 */
@Component("routingStore")
public class RoutingStore {
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final String reroute = SqlFiles.loadNamed("prescription-reroute.sql");
    private final String appendEvent = SqlFiles.loadNamed("event-append.sql");
    private final String appendOutbox = SqlFiles.loadNamed("outbox-append.sql");

    public RoutingStore(DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(transactions);
    }

    /** Stores the command, or stores nothing: {@code 409} when the prescription moved on since it was read. */
    public void store(@Body RoutingCommand command) {
        tx.executeWithoutResult(status -> {
            List<Integer> moved =
                    jdbc.queryForList(reroute, new MapSqlParameterSource(command.rerouteParams()), Integer.class);
            if (moved.isEmpty()) {
                throw new ConflictException(
                        "The prescription changed while it was being routed; read it and try again");
            }
            jdbc.batchUpdate(
                    appendEvent,
                    command.eventParams().stream()
                            .map(MapSqlParameterSource::new)
                            .toArray(SqlParameterSource[]::new));
            jdbc.update(appendOutbox, new MapSqlParameterSource(command.outboxParams()));
        });
    }
}
