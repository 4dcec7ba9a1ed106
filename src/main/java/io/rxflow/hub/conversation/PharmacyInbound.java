package io.rxflow.hub.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.pharmacies.PharmacyDirectory;
import io.rxflow.hub.support.HttpReplies;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The beans of {@code routes/rx-pharmacy-inbound.camel.yaml}: authenticate, answer, list parked messages. */
public final class PharmacyInbound {
    /** Exchange property: the authenticated pharmacy's NCPDP ID. */
    public static final String PHARMACY = "rxInboundPharmacy";

    /** Exchange property: the Kafka pharmacy's own topic, where its answer goes. */
    public static final String ANSWER_TOPIC = "rxInboundAnswerTopic";

    private static final Logger log = LoggerFactory.getLogger(PharmacyInbound.class);

    private final PharmacyAuthentication authentication;
    private final InboundConversation conversation;
    private final ConversationStore store;
    private final ObjectMapper json;
    private final PharmacyDirectory directory;
    private final InboundFollowUps followUps;

    public PharmacyInbound(
            PharmacyAuthentication authentication,
            InboundConversation conversation,
            ConversationStore store,
            ObjectMapper json,
            PharmacyDirectory directory,
            InboundFollowUps followUps) {
        this.directory = directory;
        this.followUps = followUps;
        this.authentication = authentication;
        this.conversation = conversation;
        this.store = store;
        this.json = json;
    }

    /** The answer to one message; 401 (nothing read) without the pharmacy's own credential. */
    public InboundAnswer receive(@Body String body, @Header("Authorization") String authorization, Exchange exchange) {
        var pharmacy = authentication.identify(authorization);
        if (pharmacy.isEmpty()) {
            return InboundAnswer.unauthorized();
        }
        exchange.setProperty(PHARMACY, pharmacy.get().ncpdpId());
        String correlationId = UUID.randomUUID().toString();
        InboundAnswer answer = conversation.receive(body, pharmacy.get(), correlationId);
        // Codes and ids only: the message and the answer's description may hold PHI or remote text.
        log.info(
                "Pharmacy {} message answered {}{}",
                pharmacy.get().ncpdpId(),
                answer.xml() != null && answer.xml().contains("<Status>") ? "Status" : "Error",
                answer.parkReason() != null ? " and parked" : "");
        return answer;
    }

    /**
     * A follow-up from a pharmacy reached over Kafka: the sender is the directory's Kafka pharmacy its
     * Header/From names (the topic is the network's trust boundary, as for its replies); the answer goes
     * to that pharmacy's own topic ({@link #ANSWER_TOPIC}). Another sender's message is parked.
     */
    public InboundAnswer receiveFromKafka(@Body String body, Exchange exchange) {
        String from = followUps.sender(body).orElseThrow();
        var pharmacy = directory.find(from).filter(p -> !p.http());
        if (pharmacy.isEmpty()) {
            return new InboundAnswer(200, null, "sender is not a Kafka pharmacy of the directory");
        }
        exchange.setProperty(PHARMACY, from);
        exchange.setProperty(ANSWER_TOPIC, pharmacy.get().delivery().topic());
        InboundAnswer answer =
                conversation.receive(body, pharmacy.get(), UUID.randomUUID().toString());
        log.info(
                "Kafka pharmacy {} message answered {}{}",
                from,
                answer.xml() != null && answer.xml().contains("<Status>") ? "Status" : "Error",
                answer.parkReason() != null ? " and parked" : "");
        return answer;
    }

    /** The HTTP reply: the SCRIPT answer as application/xml, or 401 with the scheme to use. */
    public void reply(@Body InboundAnswer answer, Exchange exchange) {
        var message = exchange.getMessage();
        if (answer.httpStatus() == 401) {
            HttpReplies.reply(
                    message,
                    401,
                    "text/plain",
                    "Pharmacy credential required (HTTP Basic: NCPDP ID and the" + " pharmacy's inbound credential)",
                    null);
            message.setHeader("WWW-Authenticate", "Basic realm=\"rxflow-ncpdp-inbound\"");
            return;
        }
        HttpReplies.reply(message, answer.httpStatus(), "application/xml", answer.xml(), null);
    }

    /** {@code GET /api/v1/pharmacy-messages?outcome=parked}: messages by outcome, no content. */
    public void list(@Header("outcome") String outcome, Exchange exchange) throws JsonProcessingException {
        String wanted = outcome == null || outcome.isBlank() ? "parked" : outcome.strip();
        if (!List.of("parked", "refused", "accepted").contains(wanted)) {
            throw new io.rxflow.hub.support.NotFoundException("outcome must be parked, refused or accepted");
        }
        List<Map<String, Object>> rows = store.byOutcome(wanted, 200);
        HttpReplies.reply(exchange.getMessage(), 200, "application/json", json.writeValueAsString(rows), null);
    }
}
