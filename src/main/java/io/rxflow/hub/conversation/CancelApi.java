package io.rxflow.hub.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.support.ConflictException;
import io.rxflow.hub.support.HttpReplies;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;

/**
 * The beans of {@code routes/rx-cancel.camel.yaml}: {@code POST /api/v1/prescriptions/{id}/cancel}
 * (optional body {@code {"reason": "PTR"}}) and {@code POST /fhir/r5/MedicationRequest/{id}/$cancel}
 * (optional {@code ?reason=PTR}); both answer 202 once the CancelRx is in the outbox.
 */
public final class CancelApi {
    private final CancelRequests cancels;
    private final ObjectMapper json;

    public CancelApi(CancelRequests cancels, ObjectMapper json) {
        this.cancels = cancels;
        this.json = json;
    }

    public void api(
            @Header("id") String id, @Body String body, @Header("X-RxFlow-Actor") String actor, Exchange exchange)
            throws JsonProcessingException {
        var requested = cancels.cancel(id, reason(body), actor, correlationId(exchange));
        var answer = json.createObjectNode()
                .put("id", requested.prescriptionId())
                .put("status", requested.status())
                .put("cancel_rx_message_id", requested.messageId());
        HttpReplies.reply(
                exchange.getMessage(),
                202,
                "application/json",
                json.writeValueAsString(answer),
                HttpReplies.PRESCRIPTIONS_PATH + requested.prescriptionId());
    }

    public void fhir(
            @Header("id") String id,
            @Header("reason") String reason,
            @Header("X-RxFlow-Actor") String actor,
            Exchange exchange)
            throws JsonProcessingException {
        var requested = cancels.cancel(id, blankToNull(reason), actor, correlationId(exchange));
        String outcome = Outcomes.informational(
                json,
                "CancelRx " + requested.messageId() + " sent to the pharmacy; status " + requested.status()
                        + " until its CancelRxResponse");
        HttpReplies.reply(
                exchange.getMessage(),
                202,
                "application/fhir+json",
                outcome,
                "/fhir/r5/MedicationRequest/" + requested.prescriptionId());
    }

    private String reason(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            return node.hasNonNull("reason") ? blankToNull(node.get("reason").asText()) : null;
        } catch (JsonProcessingException e) {
            throw new ConflictException("The body must be empty or {\"reason\": \"<ReasonForCancellation code>\"}");
        }
    }

    private static String correlationId(Exchange exchange) {
        String id = exchange.getMessage().getHeader(HttpReplies.CORRELATION_ID, String.class);
        return id != null ? id : exchange.getExchangeId();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
