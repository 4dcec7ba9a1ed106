package io.rxflow.hub.browser;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.eventstore.PrescriptionStatus;
import io.rxflow.hub.pharmacies.PharmacyDirectory;
import io.rxflow.hub.support.BadRequestException;
import io.rxflow.hub.support.ConflictException;
import io.rxflow.hub.support.HttpReplies;
import io.rxflow.hub.support.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Resend from the ops API, always in two steps: without {@code confirm} a dry run that says which
 * prescriptions' NewRx would go out again and why the others would not, with the token to confirm;
 * with {@code confirm=<token>} the resend of exactly that set, or {@code 409} if the set changed in
 * between. One prescription ({@code /prescriptions/{id}/resend}) or the browser's filters
 * ({@code /resends}, {@code status} defaulting to {@code dispatch_failed}, at most {@code limit} a
 * call). A reason is required; both steps are audited.
 */
@Component("resends")
public class Resends {
    private static final Logger log = LoggerFactory.getLogger(Resends.class);
    private static final int MAX_REASON = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final PharmacyDirectory directory;
    private final ResendStore store;
    private final OpsAudit audit;
    private final ObjectMapper json;

    public Resends(
            DataSource dataSource, PharmacyDirectory directory, ResendStore store, OpsAudit audit, ObjectMapper json) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.directory = directory;
        this.store = store;
        this.audit = audit;
        this.json = json;
    }

    /** {@code POST /api/v1/ops/prescriptions/{id}/resend?reason=[&confirm=]}. */
    public void one(Exchange exchange) throws Exception {
        String id = exchange.getMessage().getHeader("id", String.class);
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT p.id, p.status, p.pharmacy_ncpdp_id, p.newrx_message_id, p.version"
                        + " FROM prescription p WHERE p.id = :id",
                new MapSqlParameterSource("id", PrescriptionBrowser.uuid(id)));
        if (rows.isEmpty()) {
            throw new NotFoundException("No prescription " + id);
        }
        answer(exchange, rows, false, id, Map.of());
    }

    /** {@code POST /api/v1/ops/resends?<browser filters>&reason=[&confirm=]}. */
    public void set(Exchange exchange) throws Exception {
        Map<String, Object> query = new LinkedHashMap<>(exchange.getMessage().getHeaders());
        query.putIfAbsent("status", PrescriptionStatus.DISPATCH_FAILED);
        SearchFilter filter = SearchFilter.of(query);
        var params = new MapSqlParameterSource();
        List<Map<String, Object>> rows = jdbc.queryForList(PrescriptionBrowser.sql(filter, params), params);
        boolean more = rows.size() > filter.limit();
        answer(exchange, rows.subList(0, Math.min(rows.size(), filter.limit())), more, null, filter.used());
    }

    private void answer(
            Exchange exchange, List<Map<String, Object>> rows, boolean more, String target, Map<String, Object> used)
            throws Exception {
        var message = exchange.getMessage();
        String reason = reason(message.getHeader("reason", String.class));
        String confirm = message.getHeader("confirm", String.class);
        ResendPlan plan = ResendPlan.of(rows, ncpdpId -> directory.find(ncpdpId).isPresent());
        String actor = PrescriptionBrowser.actor(exchange);
        Map<String, Object> answer = new LinkedHashMap<>();
        Map<String, Object> detail = new LinkedHashMap<>(used);
        if (confirm == null || confirm.isBlank()) {
            answer.put("dry_run", true);
            answer.put("reason", reason);
            answer.put("resend", plan.resend().stream().map(Resends::candidate).toList());
            answer.put(
                    "excluded", plan.excluded().stream().map(Resends::excluded).toList());
            answer.put("more", more);
            if (!plan.resend().isEmpty()) {
                answer.put("confirm", plan.token(reason));
            }
            detail.put("would_resend", plan.resend().size());
            audit.record(actor, "resend-dry-run", target, detail);
            HttpReplies.reply(message, 200, "application/json", json.writeValueAsString(answer), null);
            return;
        }
        if (plan.resend().isEmpty() || !plan.token(reason).equals(confirm.strip())) {
            throw new ConflictException("What this resend would send is not what the dry run with this token"
                    + " showed (the prescriptions or the reason changed): run the dry run again");
        }
        String correlationId = message.getHeader(HttpReplies.CORRELATION_ID, String.class);
        List<Map<String, Object>> resent = new ArrayList<>();
        List<Map<String, Object>> skipped = new ArrayList<>();
        for (ResendPlan.Candidate c : plan.resend()) {
            ResendStore.Outcome outcome = store.resend(c, actor, reason, correlationId);
            if (outcome.resent()) {
                Map<String, Object> r = candidate(c);
                r.put("outbox_message_id", outcome.outboxMessageId());
                resent.add(r);
            } else {
                skipped.add(Map.of("id", c.id().toString(), "why", outcome.skippedBecause()));
            }
        }
        answer.put("dry_run", false);
        answer.put("reason", reason);
        answer.put("resent", resent);
        answer.put("skipped", skipped);
        answer.put("excluded", plan.excluded().stream().map(Resends::excluded).toList());
        answer.put("more", more);
        detail.put("resent", resent.stream().map(r -> r.get("id")).toList());
        audit.record(actor, "resend", target, detail);
        log.info("{} resent {} NewRx ({} skipped since the dry run)", actor, resent.size(), skipped.size());
        HttpReplies.reply(message, 202, "application/json", json.writeValueAsString(answer), null);
    }

    private static String reason(String text) {
        if (text == null || text.isBlank()) {
            throw new BadRequestException(
                    "'reason' is required: say why this is resent (it is kept with the event)", "reason");
        }
        if (text.length() > MAX_REASON) {
            throw new BadRequestException("'reason' is longer than " + MAX_REASON + " characters", "reason");
        }
        return text.strip();
    }

    private static Map<String, Object> candidate(ResendPlan.Candidate c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id().toString());
        m.put("pharmacy_ncpdp_id", c.pharmacy());
        m.put("newrx_message_id", c.messageId());
        return m;
    }

    private static Map<String, Object> excluded(ResendPlan.Excluded e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id().toString());
        m.put("status", e.status());
        m.put("why", e.why());
        return m;
    }
}
