package io.rxflow.hub.browser;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.support.HttpReplies;
import io.rxflow.hub.support.NotFoundException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The operators' message browser: prescriptions found by status, pharmacy, patient identifier, time,
 * MessageID or controlled flag, newest first, a page at a time (keyset paging, one index per filter:
 * {@code V60__ops_browser.sql}); and one prescription with its event stream and every SCRIPT message
 * the hub sent for it. Searches list no content; reading one prescription is audited.
 */
@Component("prescriptionBrowser")
public class PrescriptionBrowser {
    /** The patient identifiers of the stored MedicationRequest: the expression of its GIN index, verbatim. */
    static final String PATIENT_IDENTIFIERS = "jsonb_path_query_array(p.medication_request,"
            + " '$.contained[*] ? (@.resourceType == \"Patient\").identifier[*].value')";

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;
    private final OpsAudit audit;

    public PrescriptionBrowser(DataSource dataSource, ObjectMapper json, OpsAudit audit) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.json = json;
        this.audit = audit;
    }

    /** {@code GET /api/v1/ops/prescriptions}: one page and the cursor of the next one. */
    public void search(Exchange exchange) throws Exception {
        var message = exchange.getMessage();
        SearchFilter filter = SearchFilter.of(message.getHeaders());
        var params = new MapSqlParameterSource();
        List<Map<String, Object>> rows = jdbc.queryForList(sql(filter, params), params);
        boolean more = rows.size() > filter.limit();
        List<Map<String, Object>> page = rows.subList(0, Math.min(rows.size(), filter.limit()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", page.stream().map(PrescriptionBrowser::summary).toList());
        if (more) {
            Map<String, Object> last = page.get(page.size() - 1);
            answer.put(
                    "next",
                    new SearchFilter.Cursor(
                                    ((java.sql.Timestamp) last.get("created_at"))
                                            .toInstant()
                                            .atOffset(java.time.ZoneOffset.UTC),
                                    (UUID) last.get("id"))
                            .encode());
        }
        audit.record(actor(exchange), "search", null, filter.used());
        HttpReplies.reply(message, 200, "application/json", json.writeValueAsString(answer), null);
    }

    /** {@code GET /api/v1/ops/prescriptions/{id}}: the prescription, its events and its SCRIPT messages. */
    public void detail(Exchange exchange) throws Exception {
        var message = exchange.getMessage();
        UUID id = uuid(message.getHeader("id", String.class));
        var params = new MapSqlParameterSource("id", id);
        List<Map<String, Object>> found = jdbc.queryForList(
                "SELECT p.id, p.status, p.pharmacy_ncpdp_id, p.is_controlled, p.created_at, p.updated_at,"
                        + " p.newrx_message_id, p.version FROM prescription p WHERE p.id = :id",
                params);
        if (found.isEmpty()) {
            throw new NotFoundException("No prescription " + id);
        }
        Map<String, Object> answer = new LinkedHashMap<>(summary(found.get(0)));
        answer.put("version", found.get(0).get("version"));
        List<Map<String, Object>> events = new ArrayList<>();
        for (var e : jdbc.queryForList(
                "SELECT version, event_type, occurred_at, actor, correlation_id, payload::text AS payload"
                        + " FROM prescription_event WHERE prescription_id = :id ORDER BY version",
                params)) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("version", e.get("version"));
            event.put("type", e.get("event_type"));
            event.put("occurred_at", text(e.get("occurred_at")));
            event.put("actor", e.get("actor"));
            event.put("correlation_id", e.get("correlation_id"));
            event.put("payload", json.readTree((String) e.get("payload")));
            events.add(event);
        }
        answer.put("events", events);
        List<Map<String, Object>> sent = new ArrayList<>();
        for (var m : jdbc.queryForList(
                "SELECT message_type, message_id, topic, created_at, published_at, attempts, payload"
                        + " FROM outbox WHERE aggregate_id = :id ORDER BY id",
                params)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("message_type", m.get("message_type"));
            row.put("message_id", m.get("message_id"));
            row.put("topic", m.get("topic"));
            row.put("created_at", text(m.get("created_at")));
            row.put("published_at", text(m.get("published_at")));
            row.put("attempts", m.get("attempts"));
            row.put("script", m.get("payload"));
            sent.add(row);
        }
        answer.put("messages_sent", sent);
        audit.record(actor(exchange), "read", id.toString(), Map.of());
        HttpReplies.reply(message, 200, "application/json", json.writeValueAsString(answer), null);
    }

    /** The page's statement: the filters given, the cursor, newest first, one row more than a page. */
    static String sql(SearchFilter f, MapSqlParameterSource params) {
        var sql = new StringBuilder("SELECT p.id, p.status, p.pharmacy_ncpdp_id, p.is_controlled, p.created_at,"
                + " p.updated_at, p.newrx_message_id, p.version FROM prescription p WHERE true");
        if (f.status() != null) {
            sql.append(" AND p.status = :status");
            params.addValue("status", f.status());
        }
        if (f.pharmacy() != null) {
            sql.append(" AND p.pharmacy_ncpdp_id = :pharmacy");
            params.addValue("pharmacy", f.pharmacy());
        }
        if (f.patientIdentifier() != null) {
            sql.append(" AND ")
                    .append(PATIENT_IDENTIFIERS)
                    .append(" @> jsonb_build_array(CAST(:patientIdentifier AS text))");
            params.addValue("patientIdentifier", f.patientIdentifier());
        }
        if (f.from() != null) {
            sql.append(" AND p.created_at >= :from");
            params.addValue("from", f.from());
        }
        if (f.to() != null) {
            sql.append(" AND p.created_at < :to");
            params.addValue("to", f.to());
        }
        if (f.messageId() != null) {
            // Two index lookups joined by id: an OR of the two let the planner scan the whole index.
            sql.append(" AND p.id IN (SELECT m.id FROM prescription m WHERE m.newrx_message_id = :messageId"
                    + " UNION ALL SELECT o.aggregate_id FROM outbox o WHERE o.message_id = :messageId)");
            params.addValue("messageId", f.messageId());
        }
        if (f.controlled() != null) {
            sql.append(f.controlled() ? " AND p.is_controlled" : " AND NOT p.is_controlled");
        }
        if (f.after() != null) {
            sql.append(" AND (p.created_at, p.id) < (:afterAt, :afterId)");
            params.addValue("afterAt", f.after().createdAt());
            params.addValue("afterId", f.after().id());
        }
        sql.append(" ORDER BY p.created_at DESC, p.id DESC LIMIT :limit");
        params.addValue("limit", f.limit() + 1);
        return sql.toString();
    }

    private static Map<String, Object> summary(Map<String, Object> row) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", row.get("id").toString());
        s.put("status", row.get("status"));
        s.put("pharmacy_ncpdp_id", row.get("pharmacy_ncpdp_id"));
        s.put("controlled", row.get("is_controlled"));
        s.put("created_at", text(row.get("created_at")));
        s.put("updated_at", text(row.get("updated_at")));
        s.put("newrx_message_id", row.get("newrx_message_id"));
        return s;
    }

    private static String text(Object timestamp) {
        if (timestamp == null) {
            return null;
        }
        if (timestamp instanceof java.sql.Timestamp t) {
            return t.toInstant().toString();
        }
        return timestamp instanceof OffsetDateTime o ? o.toInstant().toString() : timestamp.toString();
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (RuntimeException e) {
            throw new NotFoundException("No prescription " + id);
        }
    }

    static String actor(Exchange exchange) {
        return exchange.getMessage().getHeader("X-RxFlow-Actor", "unknown", String.class);
    }
}
