package io.rxflow.hub.responses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.eventstore.DispatchOutcome;
import io.rxflow.hub.eventstore.EventTypes;
import io.rxflow.hub.eventstore.PrescriptionStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * Pharmacy answers that arrive on {@code ncpdp.inbound} (from pharmacies reached over Kafka): which
 * of the hub's messages they answer, and the event they put on that prescription's stream.
 */
public class InboundReplies {
    /** Exchange property holding the parsed reply while the route looks up its prescription. */
    public static final String REPLY = "rxReply";

    private static final String NEWRX = "NewRx";

    private final PharmacyReplies replies;
    private final ObjectMapper json;

    public InboundReplies(PharmacyReplies replies, ObjectMapper json) {
        this.replies = replies;
        this.json = json;
    }

    /**
     * Parses the reply (hardened; a malformed one fails and is parked on the dead-letter topic) into the
     * exchange property {@value #REPLY}; returns the parameters of {@code reply-target.sql}, the MessageID
     * the reply relates to (null when it names none). A Map body: camel-sql looks each parameter up in the
     * body first, and any other body goes through the whole type-converter registry per lookup.
     */
    public Map<String, Object> parse(@Body String xml, Exchange exchange) {
        PharmacyReply reply = replies.parse(xml);
        exchange.setProperty(REPLY, reply);
        return Collections.singletonMap("relatesTo", reply.relatesToMessageId());
    }

    /**
     * The outcome for the prescription of the message the reply answers ({@code reply-target.sql} row).
     * An answer to the NewRx moves its status (delivered, or refused by the pharmacy); an answer to a
     * later message (CancelRx, RxRenewalResponse, RxChangeResponse) leaves the status to the
     * conversation when taken, and sets {@code error} when refused, as its synchronous answer over HTTP
     * does (docs/conversation.md).
     */
    public DispatchOutcome outcome(@Body Map<String, Object> row, @ExchangeProperty(REPLY) PharmacyReply reply)
            throws JsonProcessingException {
        if (row == null || row.get("id") == null) {
            throw new UnknownReplyException("No message of the hub's with the MessageID this reply relates to");
        }
        String answered = String.valueOf(row.get("message_type"));
        boolean newRx = NEWRX.equals(answered);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("kind", reply.kind().name());
        payload.put("code", reply.code());
        payload.put("description_code", reply.descriptionCode());
        payload.put("message_id", reply.messageId());
        payload.put("relates_to_message_id", reply.relatesToMessageId());
        if (!newRx) {
            payload.put("message_type", answered);
        }
        String status;
        if (reply.accepted()) {
            status = newRx ? PrescriptionStatus.DELIVERED : null;
        } else {
            status = newRx ? PrescriptionStatus.REJECTED_BY_PHARMACY : PrescriptionStatus.ERROR;
        }
        return new DispatchOutcome(
                row.get("id").toString(),
                "rx-pharmacy-replies",
                reply.messageId(),
                status,
                EventTypes.PHARMACY_REPLIED,
                json.writeValueAsString(payload));
    }

    /** A reply to a NewRx the hub does not know: parked with its reason, never dropped. */
    public static class UnknownReplyException extends RuntimeException {
        public UnknownReplyException(String message) {
            super(message);
        }
    }
}
