package io.rxflow.hub.conversation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The SQL of the conversation ({@code sql/conversation-*.sql}); the caller holds the transaction. */
public final class ConversationStore {
    /** The locked read-model row of the prescription a message is about. */
    public record Locked(UUID id, String status, String pharmacy, String rxReference) {}

    /** One row of {@code pharmacy_message}. */
    public record Recorded(
            String pharmacy,
            String messageId,
            String transaction,
            UUID prescriptionId,
            String outcome,
            String errorCode,
            String descriptionCode,
            String reason,
            String answer) {}

    /** A pharmacy's request on the stream: its version, MessageID and message as received. */
    public record Request(int version, String messageId, String xml) {}

    /** One event of {@code conversation-task-events.sql}, with the prescription's status now. */
    public record TaskEvent(
            int version, String type, java.time.OffsetDateTime at, String actor, String payload, String status) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final String findAnswer = sql("conversation-find-answer");
    private final String correlate = sql("conversation-correlate");
    private final String lock = sql("conversation-lock");
    private final String advance = sql("conversation-advance");
    private final String appendEvent = sql("conversation-append-event");
    private final String record = sql("conversation-record");
    private final String listByOutcome = sql("conversation-parked");
    private final String newRx = sql("conversation-newrx");
    private final String outboxAppend = sql("conversation-outbox-append");
    private final String openRequest = sql("conversation-open-request");
    private final String taskRequests = sql("conversation-task-requests");
    private final String taskEvents = sql("conversation-task-events");

    public ConversationStore(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    public Optional<String> answerGiven(String pharmacy, String messageId) {
        return jdbc
                .queryForList(findAnswer, Map.of("pharmacy", pharmacy, "messageId", messageId), String.class)
                .stream()
                .findFirst();
    }

    /** Correlation key name to the prescriptions it names (a key may name none, one or several). */
    public Map<String, List<UUID>> correlate(String pharmacy, InboundMessage m) {
        var params = new HashMap<String, Object>();
        params.put("pharmacy", pharmacy);
        params.put("relatesTo", m.relatesToMessageId());
        params.put("orderNumber", m.prescriberOrderNumber());
        params.put("rxReference", m.rxReferenceNumber());
        Map<String, List<UUID>> found = new HashMap<>();
        jdbc.query(correlate, params, rs -> {
            found.computeIfAbsent(rs.getString("key_name"), k -> new java.util.ArrayList<>())
                    .add(rs.getObject("id", UUID.class));
        });
        return found;
    }

    /** The locked row, or empty when there is no such prescription. */
    public Optional<Locked> find(UUID id) {
        return jdbc
                .query(
                        lock,
                        Map.of("id", id),
                        (rs, n) -> new Locked(
                                rs.getObject("id", UUID.class),
                                rs.getString("status"),
                                rs.getString("pharmacy_ncpdp_id"),
                                rs.getString("rx_reference_number")))
                .stream()
                .findFirst();
    }

    /** The prescription's latest NewRx XML, or empty. */
    public Optional<String> newRx(UUID id) {
        return jdbc.queryForList(newRx, Map.of("id", id), String.class).stream().findFirst();
    }

    /** The latest event of {@code eventType} (a pharmacy's request), or empty. */
    public Optional<Request> latestRequest(UUID id, String eventType) {
        return jdbc
                .query(
                        openRequest,
                        Map.of("id", id, "eventType", eventType),
                        (rs, n) -> new Request(rs.getInt("version"), rs.getString("message_id"), rs.getString("xml")))
                .stream()
                .findFirst();
    }

    /** At most {@code limit} requests a Task search looks at after {@code after} (null: from the newest), newest first. */
    List<TaskCursor> taskRequests(boolean openOnly, TaskCursor after, int limit) {
        var params = new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                .addValue("openOnly", openOnly)
                .addValue("afterAt", after == null ? null : after.at(), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .addValue("afterId", after == null ? null : after.prescription(), java.sql.Types.OTHER)
                .addValue("afterVersion", after == null ? null : after.version(), java.sql.Types.INTEGER)
                .addValue("limit", limit);
        return jdbc.query(
                taskRequests,
                params,
                (rs, n) -> new TaskCursor(
                        rs.getObject("occurred_at", java.time.OffsetDateTime.class),
                        rs.getObject("prescription_id", UUID.class),
                        rs.getInt("version")));
    }

    /** The events a prescription's Tasks are made of, oldest first. */
    public List<TaskEvent> taskEvents(UUID id) {
        return jdbc.query(
                taskEvents,
                Map.of("id", id),
                (rs, n) -> new TaskEvent(
                        rs.getInt("version"),
                        rs.getString("event_type"),
                        rs.getObject("occurred_at", java.time.OffsetDateTime.class),
                        rs.getString("actor"),
                        rs.getString("payload"),
                        rs.getString("status")));
    }

    /** Writes an outbox row ({@code OutboxRows} parameters). */
    public void outbox(Map<String, Object> row) {
        jdbc.update(outboxAppend, row);
    }

    /** The locked row of a prescription correlation found (it exists). */
    public Locked lock(UUID id) {
        return find(id).orElseThrow();
    }

    /** Moves the read model and appends the event at the new version; returns that version. */
    public int append(
            UUID id,
            String status,
            String rxReference,
            String eventType,
            String actor,
            String correlationId,
            String payloadJson) {
        var params = new HashMap<String, Object>();
        params.put("id", id);
        params.put("status", status);
        params.put("rxReference", rxReference);
        Integer version = jdbc.queryForObject(advance, params, Integer.class);
        params.put("version", version);
        params.put("eventType", eventType);
        params.put("actor", actor);
        params.put("correlationId", correlationId);
        params.put("payload", payloadJson);
        jdbc.update(appendEvent, params);
        return version;
    }

    /** False when the same pharmacy MessageID was recorded first (the caller rolls back). */
    public boolean record(Recorded r) {
        var params = new HashMap<String, Object>();
        params.put("pharmacy", r.pharmacy());
        params.put("messageId", r.messageId());
        params.put("transaction", r.transaction());
        params.put("prescriptionId", r.prescriptionId());
        params.put("outcome", r.outcome());
        params.put("errorCode", r.errorCode());
        params.put("descriptionCode", r.descriptionCode());
        params.put("reason", r.reason());
        params.put("answer", r.answer());
        return !jdbc.queryForList(record, params, String.class).isEmpty();
    }

    /** Pharmacy messages with {@code outcome}, newest first. */
    public List<Map<String, Object>> byOutcome(String outcome, int limit) {
        return jdbc.queryForList(listByOutcome, Map.of("outcome", outcome, "limit", limit));
    }

    private static String sql(String name) {
        try {
            return new ClassPathResource("sql/" + name + ".sql").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("sql/" + name + ".sql is missing from the jar", e);
        }
    }
}
