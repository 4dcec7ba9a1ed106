package io.rxflow.hub.conversation;

import io.rxflow.hub.conversation.ConversationStore.Locked;
import io.rxflow.hub.conversation.ConversationStore.Request;
import io.rxflow.hub.conversation.PrescriberAnswer.Kind;
import io.rxflow.hub.eventstore.EventTypes;
import io.rxflow.hub.outbox.EhrPushRows;
import io.rxflow.hub.script.model.Message;
import io.rxflow.hub.support.ConflictException;
import io.rxflow.hub.support.NotFoundException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The prescriber answers a pharmacy's RxRenewalRequest or RxChangeRequest: in one transaction the
 * state machine allows it, the response is built ({@link ResponseBuilder}), the
 * {@code Rx...ResponsePrepared} event is appended (status {@code renewed}, {@code renewal_denied},
 * {@code changed} or {@code change_denied}) and the outbox row is written, so the response leaves
 * exactly once through the NewRx's dispatch route and breaker, as a CancelRx does. An answer the
 * state machine refuses (none asked, already answered) is recorded as {@code TransitionRefused} and
 * answered 409.
 */
public final class PrescriberResponses {
    /** What the API answers: the status now and the response's MessageID. */
    public record Answered(String prescriptionId, String status, String messageId, String taskId) {}

    private final ConversationStore store;
    private final TransactionTemplate tx;
    private final ResponseBuilder builder;
    private final OutboundMessages out;
    private final Clock clock;
    private final EhrChanges ehr;

    public PrescriberResponses(
            ConversationStore store,
            TransactionTemplate tx,
            ResponseBuilder builder,
            OutboundMessages out,
            Clock clock,
            EhrPushRows ehrPushes) {
        this.store = store;
        this.tx = tx;
        this.builder = builder;
        this.out = out;
        this.clock = clock;
        this.ehr = new EhrChanges(ehrPushes);
    }

    /**
     * Sends the answer to the prescription's open request.
     *
     * @throws NotFoundException no such prescription
     * @throws ConflictException no open request of this kind (recorded), a 2017071 pharmacy, or an
     *     approval of a controlled substance
     */
    public Answered answer(String prescriptionId, PrescriberAnswer answer, String actor, String correlationId) {
        return answer(prescriptionId, answer, actor, correlationId, null);
    }

    /**
     * The same for the request at {@code taskVersion} of the stream (the Task's): refused like an
     * answer to no request when a later request took its place.
     */
    public Answered answer(
            String prescriptionId, PrescriberAnswer answer, String actor, String correlationId, Integer taskVersion) {
        UUID id = OutboundMessages.prescriptionId(prescriptionId);
        Object result = tx.execute(status -> apply(id, answer, actor, correlationId, taskVersion));
        if (result instanceof String refusal) {
            throw new ConflictException(refusal);
        }
        return (Answered) result;
    }

    /** Which request the Task at {@code ref} is; not found when the stream has no request there. */
    public Kind requestKind(UUID prescription, int version) {
        return store.taskEvents(prescription).stream()
                .filter(e -> e.version() == version)
                .map(e -> switch (e.type()) {
                    case EventTypes.RX_RENEWAL_REQUESTED -> Kind.RENEWAL;
                    case EventTypes.RX_CHANGE_REQUESTED -> Kind.CHANGE;
                    default -> null;
                })
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("No Task with that id"));
    }

    private Object apply(UUID id, PrescriberAnswer answer, String actor, String correlationId, Integer taskVersion) {
        Kind kind = answer.kind();
        Locked p = store.find(id).orElseThrow(() -> new NotFoundException("No prescription with that id"));
        var next = ConversationState.next(p.status(), answer.happening());
        String requestType = kind == Kind.RENEWAL ? EventTypes.RX_RENEWAL_REQUESTED : EventTypes.RX_CHANGE_REQUESTED;
        var latest = store.latestRequest(id, requestType);
        boolean superseded = taskVersion != null
                && latest.map(r -> r.version() != taskVersion).orElse(true);
        if (next.isEmpty() || superseded) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("happening", answer.happening().name());
            payload.put("status_before", p.status());
            payload.put("answer", answer.details());
            store.append(id, p.status(), null, EventTypes.TRANSITION_REFUSED, actor, correlationId, out.write(payload));
            return "No open " + kind.request() + ": the prescription is " + p.status()
                    + " (already answered, never asked, or a later request took its place); docs/conversation.md";
        }
        Request request = latest.filter(r -> r.xml() != null)
                .orElseThrow(() -> new ConflictException("The " + kind.request()
                        + " was recorded without its message (before the hub kept it) and cannot be answered"));
        Message newRx = builder.newRx(
                store.newRx(id).orElseThrow(() -> new ConflictException("The prescription has no NewRx")));
        if (answer.decision().approves() && Controlled.order(newRx)) {
            throw new ConflictException("A controlled substance is approved with the prescriber's signed order, which"
                    + " the hub cannot make: deny this request and send a new prescription from the EHR");
        }
        String messageId = OutboundMessages.newMessageId();
        String xml = builder.response(newRx, request.xml(), answer, messageId, p.rxReference(), clock.instant());
        out.requireConvertible(p.pharmacy(), kind.response(), xml);
        Map<String, Object> payload = new LinkedHashMap<>(answer.details());
        payload.put("message_id", messageId);
        payload.put("relates_to_message_id", request.messageId());
        payload.put("request_version", request.version());
        payload.put("status_before", p.status());
        payload.put("status", next.get());
        payload.put("xml", xml);
        String eventType =
                kind == Kind.RENEWAL ? EventTypes.RX_RENEWAL_RESPONSE_PREPARED : EventTypes.RX_CHANGE_RESPONSE_PREPARED;
        out.send(
                id,
                next.get(),
                eventType,
                actor,
                correlationId,
                payload,
                kind.response(),
                p.pharmacy(),
                messageId,
                xml);
        ehr.answered(id, request.version());
        return new Answered(id.toString(), next.get(), messageId, TaskIds.of(id, request.version()));
    }
}
