package io.rxflow.hub.browser;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.eventstore.Event;
import io.rxflow.hub.eventstore.EventTypes;
import io.rxflow.hub.eventstore.PrescriptionStatus;
import io.rxflow.hub.outbox.OutboxRows;
import io.rxflow.hub.support.SqlFiles;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Resends one prescription's NewRx in one transaction: the prescription locked and checked again (still
 * {@code dispatch_failed}, still the version of the dry run), a copy of the NewRx as prepared (same
 * MessageID, so the pharmacy can tell it from a new prescription) put in the outbox, the dispatch
 * route's record of the failed delivery forgotten so its idempotent consumer lets the copy through, the
 * read model back to {@code prepared} and a {@code NewRxResent} event naming who and why. Either all of
 * it or nothing. A delivery the pharmacy answered is never forgotten, so it is never sent twice.
 */
@Component("resendStore")
public class ResendStore {
    /** The outbox's own id of a resent copy: the MessageID and the version that resent it (unique). */
    static final String COPY_SUFFIX = "#resend-v";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final OutboxRows outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final String lock = SqlFiles.loadNamed("resend-lock.sql");
    private final String newRx = SqlFiles.loadNamed("resend-newrx.sql");
    private final String forget = SqlFiles.loadNamed("resend-forget-failure.sql");
    private final String advance = SqlFiles.loadNamed("resend-advance.sql");
    private final String appendEvent = SqlFiles.loadNamed("event-append.sql");
    private final String appendOutbox = SqlFiles.loadNamed("outbox-append.sql");

    /** What became of one candidate: resent (with its outbox id), or skipped and why. */
    record Outcome(ResendPlan.Candidate candidate, String outboxMessageId, String skippedBecause) {
        boolean resent() {
            return outboxMessageId != null;
        }
    }

    public ResendStore(
            DataSource dataSource,
            PlatformTransactionManager transactions,
            OutboxRows outbox,
            ObjectMapper json,
            Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(transactions);
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    Outcome resend(ResendPlan.Candidate c, String actor, String reason, String correlationId) {
        return tx.execute(status -> resendInTransaction(c, actor, reason, correlationId));
    }

    private Outcome resendInTransaction(ResendPlan.Candidate c, String actor, String reason, String correlationId) {
        var id = new MapSqlParameterSource("id", c.id());
        List<Map<String, Object>> now = jdbc.queryForList(lock, id);
        if (now.isEmpty()) {
            return new Outcome(c, null, "it is no longer in the database");
        }
        Map<String, Object> row = now.get(0);
        int version = ((Number) row.get("version")).intValue();
        if (version != c.version() || !PrescriptionStatus.DISPATCH_FAILED.equals(row.get("status"))) {
            return new Outcome(c, null, "it changed since the dry run (now " + row.get("status") + ")");
        }
        List<Map<String, Object>> prepared = jdbc.queryForList(newRx, id.addValue("messageId", c.messageId()));
        if (prepared.isEmpty()) {
            return new Outcome(c, null, "its NewRx is not in the event store");
        }
        OffsetDateTime at = OffsetDateTime.now(clock);
        Map<String, Object> copy = outbox.newRx(
                c.id().toString(),
                c.pharmacy(),
                c.messageId(),
                (String) prepared.get(0).get("script_version"),
                (String) prepared.get(0).get("xml"),
                at,
                correlationId);
        String outboxMessageId = c.messageId() + COPY_SUFFIX + (version + 1);
        copy.put("messageId", outboxMessageId);
        jdbc.update(appendOutbox, new MapSqlParameterSource(copy));
        // The consumer is the pharmacy's dispatch route id (dispatch/DispatchRoutes.routeId).
        jdbc.update(
                forget,
                new MapSqlParameterSource("consumer", "rx-dispatch-" + c.pharmacy())
                        .addValue("messageId", c.messageId()));
        Integer moved = jdbc.queryForObject(
                advance,
                new MapSqlParameterSource("id", c.id())
                        .addValue("version", version)
                        .addValue("at", at),
                Integer.class);
        jdbc.update(
                appendEvent,
                new MapSqlParameterSource(new Event(moved, EventTypes.NEWRX_RESENT, payload(c, outboxMessageId, reason))
                        .appendParams(c.id().toString(), at, actor, correlationId)));
        return new Outcome(c, outboxMessageId, null);
    }

    private String payload(ResendPlan.Candidate c, String outboxMessageId, String reason) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("message_id", c.messageId());
        p.put("outbox_message_id", outboxMessageId);
        p.put("pharmacy_ncpdp_id", c.pharmacy());
        p.put("previous_status", PrescriptionStatus.DISPATCH_FAILED);
        p.put("reason", reason);
        try {
            return json.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Resend event is not JSON", e);
        }
    }
}
