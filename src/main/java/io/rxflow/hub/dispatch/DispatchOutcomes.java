package io.rxflow.hub.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.eventstore.DispatchOutcome;
import io.rxflow.hub.eventstore.EventTypes;
import io.rxflow.hub.eventstore.PrescriptionStatus;
import io.rxflow.hub.outbox.OutboxHeaders;
import io.rxflow.hub.pharmacies.Pharmacy;
import io.rxflow.hub.pharmacies.PharmacyDirectory;
import io.rxflow.hub.responses.PharmacyReplies;
import io.rxflow.hub.responses.PharmacyReply;
import io.rxflow.hub.script.ScriptConversionException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatch flow's decisions: the message in the pharmacy's SCRIPT version, and what a delivery
 * came to (delivered, rejected by the pharmacy, sent to its topic, or failed after every attempt).
 */
public class DispatchOutcomes {
    /** Exchange properties and Kafka headers of the dispatch flow. */
    public static final String PHARMACY = "rxPharmacy";

    public static final String OUTCOME = "rxOutcome";

    private static final Logger log = LoggerFactory.getLogger(DispatchOutcomes.class);

    private final PharmacyDirectory directory;
    private final PharmacyReplies replies;
    private final ObjectMapper json;

    public DispatchOutcomes(PharmacyDirectory directory, PharmacyReplies replies, ObjectMapper json) {
        this.directory = directory;
        this.replies = replies;
        this.json = json;
    }

    /** Parameters of {@code dispatch-seen.sql}: this pharmacy's dispatch route and the NewRx MessageID. */
    public Map<String, Object> seenParams(Exchange exchange) {
        return Map.of(
                "consumer",
                DispatchRoutes.routeId(exchange.getProperty(PHARMACY, String.class)),
                "messageId",
                header(exchange, OutboxHeaders.MESSAGE_ID));
    }

    /** The pharmacy's synchronous answer: accepted, refused for good, or (Error 600-602) to be tried again. */
    public DispatchOutcome answered(@Body String replyXml, Exchange exchange) {
        PharmacyReply reply = replies.parse(replyXml);
        if (reply.transientFailure()) {
            throw new PharmacyUnavailableException("pharmacy answered SCRIPT Error " + reply.code() + ", try again");
        }
        Map<String, Object> payload = base(exchange);
        payload.put("reply", replyFields(reply));
        // An Error 220 answers a retransmission: the pharmacy already holds this NewRx.
        return reply.accepted() || reply.duplicate()
                ? outcome(exchange, PrescriptionStatus.DELIVERED, EventTypes.DISPATCHED, payload)
                : outcome(exchange, PrescriptionStatus.REJECTED_BY_PHARMACY, EventTypes.DISPATCH_REJECTED, payload);
    }

    /** Produced to the pharmacy's own topic; its answer comes later on the inbound topic. */
    public DispatchOutcome sentToTopic(Exchange exchange) {
        return outcome(exchange, PrescriptionStatus.DISPATCHED, EventTypes.DISPATCHED, base(exchange));
    }

    /** Every attempt failed: the original went to the dead-letter topic. */
    public DispatchOutcome failed(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Map<String, Object> payload = base(exchange);
        // The type and the hub's own wording only; a remote error text could quote message content.
        payload.put("reason", e == null ? "unknown" : e.getClass().getSimpleName() + ": " + reason(e));
        payload.put("dead_letter", true);
        return outcome(exchange, PrescriptionStatus.DISPATCH_FAILED, EventTypes.DISPATCH_FAILED, payload);
    }

    /** Parameters of the event, once the read model has moved to {@code version}. */
    public Map<String, Object> eventParams(
            @ExchangeProperty(OUTCOME) DispatchOutcome outcome, @Header("rxVersion") Integer version) {
        return outcome.eventParams(version, "rxflow-hub", outcome.messageId(), OffsetDateTime.now(ZoneOffset.UTC));
    }

    private DispatchOutcome outcome(Exchange exchange, String status, String type, Map<String, Object> payload) {
        try {
            String ncpdpId = exchange.getProperty(PHARMACY, String.class);
            String messageType = header(exchange, OutboxHeaders.MESSAGE_TYPE);
            if (messageType != null && !"NewRx".equals(messageType)) {
                payload.put("message_type", messageType);
            }
            // Ids and the outcome only: the log line of one delivery, under the REST call's correlation id.
            if (log.isDebugEnabled()) {
                log.debug(
                        "{} {} to pharmacy {}: {}",
                        messageType == null ? "NewRx" : messageType,
                        header(exchange, OutboxHeaders.MESSAGE_ID),
                        ncpdpId,
                        type);
            }
            return new DispatchOutcome(
                    header(exchange, OutboxHeaders.PRESCRIPTION),
                    DispatchRoutes.routeId(ncpdpId),
                    header(exchange, OutboxHeaders.MESSAGE_ID),
                    followUpStatus(messageType, status),
                    type,
                    json.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event payload of strings always serialises", e);
        }
    }

    /**
     * A message after the NewRx (CancelRx) leaves the status to the conversation (docs/conversation.md):
     * taken (null: unchanged, its answer settles it), or refused or undeliverable ({@code error}).
     */
    private static String followUpStatus(String messageType, String status) {
        if (messageType == null || "NewRx".equals(messageType)) {
            return status;
        }
        return PrescriptionStatus.DELIVERED.equals(status) || PrescriptionStatus.DISPATCHED.equals(status)
                ? null
                : PrescriptionStatus.ERROR;
    }

    private Map<String, Object> base(Exchange exchange) {
        String ncpdpId = exchange.getProperty(PHARMACY, String.class);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("pharmacy_ncpdp_id", ncpdpId);
        payload.put("message_id", header(exchange, OutboxHeaders.MESSAGE_ID));
        payload.put(
                "script_version",
                directory.find(ncpdpId).map(Pharmacy::scriptVersion).orElse("2023011"));
        // What the 2017071 conversion dropped or recoded: element paths, never values.
        if (exchange.getVariable(ScriptVersions.NOTES) instanceof List<?> notes && !notes.isEmpty()) {
            payload.put("conversion_notes", notes);
        }
        return payload;
    }

    private static Map<String, Object> replyFields(PharmacyReply reply) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("kind", reply.kind().name());
        fields.put("code", reply.code());
        fields.put("description_code", reply.descriptionCode());
        fields.put("message_id", reply.messageId());
        return fields;
    }

    private static String reason(Exception e) {
        // A conversion refusal names elements only (the stylesheet never quotes values).
        return e instanceof PharmacyUnavailableException || e instanceof ScriptConversionException
                ? e.getMessage()
                : "see the hub log by message id";
    }

    private static String header(Exchange exchange, String name) {
        return exchange.getMessage().getHeader(name, String.class);
    }
}
