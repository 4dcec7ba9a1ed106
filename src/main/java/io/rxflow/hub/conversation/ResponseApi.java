package io.rxflow.hub.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.conversation.PrescriberAnswer.Kind;
import io.rxflow.hub.support.HttpReplies;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;

/**
 * The beans of {@code routes/rx-renewal-change.camel.yaml}: {@code POST
 * /api/v1/prescriptions/{id}/renewal-response} and {@code .../change-response} with the prescriber's
 * answer ({@link PrescriberAnswers}); both answer 202 once the response is in the outbox.
 */
public final class ResponseApi {
    private final PrescriberAnswers answers;
    private final PrescriberResponses responses;
    private final ObjectMapper json;

    public ResponseApi(PrescriberAnswers answers, PrescriberResponses responses, ObjectMapper json) {
        this.answers = answers;
        this.responses = responses;
        this.json = json;
    }

    public void renewal(
            @Header("id") String id, @Body String body, @Header("X-RxFlow-Actor") String actor, Exchange exchange)
            throws JsonProcessingException {
        answer(Kind.RENEWAL, id, body, actor, exchange);
    }

    public void change(
            @Header("id") String id, @Body String body, @Header("X-RxFlow-Actor") String actor, Exchange exchange)
            throws JsonProcessingException {
        answer(Kind.CHANGE, id, body, actor, exchange);
    }

    private void answer(Kind kind, String id, String body, String actor, Exchange exchange)
            throws JsonProcessingException {
        OutboundMessages.prescriptionId(id);
        PrescriberAnswer answer = answers.read(kind, body);
        String correlationId = exchange.getMessage().getHeader(HttpReplies.CORRELATION_ID, String.class);
        var answered = responses.answer(
                id,
                answer,
                actor != null ? actor : "unknown",
                correlationId != null ? correlationId : exchange.getExchangeId());
        var reply = json.createObjectNode()
                .put("id", answered.prescriptionId())
                .put("status", answered.status())
                .put("task", "Task/" + answered.taskId())
                .put(
                        kind == Kind.RENEWAL ? "rx_renewal_response_message_id" : "rx_change_response_message_id",
                        answered.messageId());
        HttpReplies.reply(
                exchange.getMessage(),
                202,
                "application/json",
                json.writeValueAsString(reply),
                "/fhir/r5/Task/" + answered.taskId());
    }
}
