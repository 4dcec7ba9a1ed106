package io.rxflow.hub.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.conversation.ConversationStore.TaskEvent;
import io.rxflow.hub.conversation.PrescriberAnswer.Kind;
import io.rxflow.hub.eventstore.EventTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r5.model.Task.TaskStatus;

/**
 * A pharmacy's RxRenewalRequest or RxChangeRequest and what became of it, read from the prescription's
 * stream: the request, the prescriber's answer ({@code Rx...ResponsePrepared} naming the request's
 * version) and that answer's delivery ({@code Dispatched} or a failure naming its MessageID).
 */
record PharmacyTask(
        UUID prescription,
        Kind kind,
        TaskEvent request,
        JsonNode requestPayload,
        TaskEvent answer,
        JsonNode answerPayload,
        TaskEvent delivery,
        boolean open) {

    private static final Set<String> WAITING =
            Set.of(ConversationState.RENEWAL_REQUESTED, ConversationState.CHANGE_REQUESTED);

    String id() {
        return TaskIds.of(prescription, request.version());
    }

    /**
     * requested (waiting for the prescriber), accepted (approved, the response on its way), completed
     * (approved and delivered), rejected (denied), failed (the response could not be delivered),
     * cancelled (the prescription moved on, e.g. a pharmacy Error, before an answer).
     */
    TaskStatus status() {
        if (answer == null) {
            return open ? TaskStatus.REQUESTED : TaskStatus.CANCELLED;
        }
        if ("deny".equals(answerPayload.path("decision").asText())) {
            return TaskStatus.REJECTED;
        }
        if (delivery == null) {
            return TaskStatus.ACCEPTED;
        }
        return EventTypes.DISPATCHED.equals(delivery.type()) ? TaskStatus.COMPLETED : TaskStatus.FAILED;
    }

    /** The last event that changed this Task. */
    TaskEvent last() {
        return delivery != null ? delivery : answer != null ? answer : request;
    }

    /** Every request on a prescription's stream ({@code conversation-task-events.sql}), as Tasks. */
    static List<PharmacyTask> of(UUID prescription, List<TaskEvent> events, ObjectMapper json) {
        List<PharmacyTask> tasks = new ArrayList<>();
        int latest = events.stream()
                .filter(e -> kind(e.type()) != null)
                .mapToInt(TaskEvent::version)
                .max()
                .orElse(-1);
        for (TaskEvent e : events) {
            Kind kind = kind(e.type());
            if (kind == null) {
                continue;
            }
            TaskEvent answer = null;
            JsonNode answerPayload = null;
            TaskEvent delivery = null;
            for (TaskEvent later : events) {
                JsonNode p = later.version() > e.version() ? read(json, later.payload()) : null;
                if (answer == null
                        && p != null
                        && isAnswer(later.type())
                        && p.path("request_version").asInt() == e.version()) {
                    answer = later;
                    answerPayload = p;
                } else if (answer != null
                        && delivery == null
                        && p != null
                        && isDelivery(later.type())
                        && p.path("message_id")
                                .asText()
                                .equals(answerPayload.path("message_id").asText())) {
                    delivery = later;
                }
            }
            boolean open = answer == null && e.version() == latest && WAITING.contains(e.status());
            tasks.add(new PharmacyTask(
                    prescription, kind, e, read(json, e.payload()), answer, answerPayload, delivery, open));
        }
        return tasks;
    }

    private static Kind kind(String type) {
        return switch (type) {
            case EventTypes.RX_RENEWAL_REQUESTED -> Kind.RENEWAL;
            case EventTypes.RX_CHANGE_REQUESTED -> Kind.CHANGE;
            default -> null;
        };
    }

    private static boolean isAnswer(String type) {
        return EventTypes.RX_RENEWAL_RESPONSE_PREPARED.equals(type)
                || EventTypes.RX_CHANGE_RESPONSE_PREPARED.equals(type);
    }

    private static boolean isDelivery(String type) {
        return EventTypes.DISPATCHED.equals(type)
                || EventTypes.DISPATCH_FAILED.equals(type)
                || EventTypes.DISPATCH_REJECTED.equals(type);
    }

    private static JsonNode read(ObjectMapper json, String payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("event payload is not JSON", e);
        }
    }
}
