package io.rxflow.hub.conversation;

import ca.uhn.fhir.context.FhirContext;
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
 * answer ({@link PrescriberAnswers}), and the FHIR way {@code POST /fhir/r5/Task/{id}/$respond} with
 * a Parameters resource; all answer 202 once the response is in the outbox.
 */
public final class ResponseApi {
    private final PrescriberAnswers answers;
    private final PrescriberResponses responses;
    private final TaskParameters parameters;
    private final ObjectMapper json;

    public ResponseApi(PrescriberAnswers answers, PrescriberResponses responses, FhirContext fhir, ObjectMapper json) {
        this.answers = answers;
        this.responses = responses;
        this.parameters = new TaskParameters(fhir, json);
        this.json = json;
    }

    /** {@code POST /fhir/r5/Task/{id}/$respond}: the same answer as a Parameters resource, for that Task. */
    public void fhir(
            @Header("id") String taskId, @Body String body, @Header("X-RxFlow-Actor") String actor, Exchange exchange)
            throws JsonProcessingException {
        TaskIds.Ref ref = TaskIds.parse(taskId);
        Kind kind = responses.requestKind(ref.prescription(), ref.version());
        PrescriberAnswer answer = answers.read(kind, parameters.toAnswerJson(body));
        var answered = responses.answer(
                ref.prescription().toString(), answer, actorOf(actor), correlationId(exchange), ref.version());
        String outcome = Outcomes.informational(
                json,
                kind.response() + " " + answered.messageId() + " sent to the pharmacy; prescription status "
                        + answered.status());
        HttpReplies.reply(
                exchange.getMessage(), 202, "application/fhir+json", outcome, "/fhir/r5/Task/" + answered.taskId());
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
        var answered = responses.answer(id, answer, actorOf(actor), correlationId(exchange));
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

    private static String actorOf(String actor) {
        return actor != null ? actor : "unknown";
    }

    private static String correlationId(Exchange exchange) {
        String id = exchange.getMessage().getHeader(HttpReplies.CORRELATION_ID, String.class);
        return id != null ? id : exchange.getExchangeId();
    }
}
