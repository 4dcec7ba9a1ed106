package io.rxflow.hub.outbox;

import io.rxflow.hub.support.LogCorrelation;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The outbox row that announces a NewRx on its pharmacy's outbound topic ({@code <prefix>.<ncpdp-id>},
 * so each pharmacy's dispatch route reads only its own messages): key, headers and payload.
 */
public class OutboxRows {
    private static final String NEWRX = "NewRx";

    private final String topicPrefix;
    private final Supplier<Map<String, String>> contextHeaders;

    /** Rows for the topics {@code <topicPrefix>.<ncpdp-id>} (docs/topics.md). */
    public OutboxRows(String topicPrefix) {
        this(topicPrefix, Map::of);
    }

    /**
     * {@code contextHeaders} adds headers of the calling context to every row (the trace context, so
     * the dispatch continues the trace of the REST call); hub-made ASCII values only.
     */
    public OutboxRows(String topicPrefix, Supplier<Map<String, String>> contextHeaders) {
        this.topicPrefix = topicPrefix;
        this.contextHeaders = contextHeaders;
    }

    /** The outbound topic of one pharmacy: {@code <prefix>.<ncpdp-id>}. */
    public static String topicFor(String prefix, String ncpdpId) {
        return prefix + "." + ncpdpId;
    }

    /** Parameters of {@code outbox-append.sql}; the Kafka key is the prescription id. */
    public Map<String, Object> newRx(
            String prescriptionId,
            String ncpdpId,
            String messageId,
            String scriptVersion,
            String xml,
            OffsetDateTime at,
            String correlationId) {
        return message(NEWRX, prescriptionId, ncpdpId, messageId, scriptVersion, xml, at, correlationId);
    }

    /**
     * The same for any SCRIPT message the hub sends a pharmacy ({@code CancelRx}, ...): it travels the
     * NewRx's way (outbound topic, dispatch route, breaker), its type in {@code rxflow-message-type}.
     * {@code correlationId} (the writing call's, {@code rxflow-correlation-id}) is left out unless it is
     * a safe token, as the API's correlation ids are.
     */
    public Map<String, Object> message(
            String messageType,
            String prescriptionId,
            String ncpdpId,
            String messageId,
            String scriptVersion,
            String xml,
            OffsetDateTime at,
            String correlationId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(OutboxHeaders.MESSAGE_ID, messageId);
        headers.put(OutboxHeaders.PRESCRIPTION, prescriptionId);
        headers.put(OutboxHeaders.PHARMACY, ncpdpId);
        headers.put(OutboxHeaders.MESSAGE_TYPE, messageType);
        headers.put(OutboxHeaders.SCRIPT_VERSION, scriptVersion);
        if (LogCorrelation.safe(correlationId)) {
            headers.put(OutboxHeaders.CORRELATION_ID, correlationId);
        }
        contextHeaders.get().forEach(headers::putIfAbsent);
        Map<String, Object> params = new HashMap<>();
        params.put("aggregateId", prescriptionId);
        params.put("messageType", messageType);
        params.put("topic", topicFor(topicPrefix, ncpdpId));
        params.put("messageId", messageId);
        params.put("headers", json(headers));
        params.put("payload", xml);
        params.put("createdAt", at);
        return params;
    }

    /** The values are ids and fixed names the hub made (UUIDs, digits, version numbers): no escaping needed. */
    private static String json(Map<String, String> headers) {
        StringBuilder out = new StringBuilder("{");
        headers.forEach((k, v) -> out.append(out.length() > 1 ? "," : "")
                .append('"')
                .append(k)
                .append("\":\"")
                .append(v)
                .append('"'));
        return out.append('}').toString();
    }
}
