package io.rxflow.hub.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.conversation.ConversationStore.TaskEvent;
import io.rxflow.hub.conversation.PrescriberAnswer.Kind;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r5.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;

/** A Task's status is read from the stream: the request, the answer naming it, the answer's delivery. */
class PharmacyTaskTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID RX = UUID.fromString("4473dc46-8018-4f59-aeae-787e4fd6e2b9");

    @Test
    void anUnansweredRequestOfAWaitingPrescriptionIsRequested() {
        var task = only(events("renewal_requested", renewal(5)));
        assertThat(task.status()).isEqualTo(TaskStatus.REQUESTED);
        assertThat(task.kind()).isEqualTo(Kind.RENEWAL);
        assertThat(task.id()).isEqualTo(RX + "-5");
    }

    @Test
    void anApprovalIsAcceptedUntilItsResponseIsDeliveredThenCompleted() {
        assertThat(only(events("renewed", renewal(5), answer(6, "approve", 5, "A1")))
                        .status())
                .isEqualTo(TaskStatus.ACCEPTED);
        // The NewRx's delivery names another MessageID: it does not complete the Task.
        assertThat(only(events("renewed", renewal(5), answer(6, "approve", 5, "A1"), delivery(7, "Dispatched", "N1")))
                        .status())
                .isEqualTo(TaskStatus.ACCEPTED);
        assertThat(only(events("renewed", renewal(5), answer(6, "approve", 5, "A1"), delivery(7, "Dispatched", "A1")))
                        .status())
                .isEqualTo(TaskStatus.COMPLETED);
        assertThat(only(events("error", renewal(5), answer(6, "approve", 5, "A1"), delivery(7, "DispatchFailed", "A1")))
                        .status())
                .isEqualTo(TaskStatus.FAILED);
    }

    @Test
    void aDenialIsRejectedWhateverBecomesOfItsDelivery() {
        assertThat(only(events("change_denied", change(5), answer(6, "deny", 5, "A1")))
                        .status())
                .isEqualTo(TaskStatus.REJECTED);
    }

    @Test
    void aRequestThePrescriptionMovedOnFromIsCancelled() {
        assertThat(only(events("error", change(5))).status()).isEqualTo(TaskStatus.CANCELLED);
    }

    @Test
    void eachRequestOnTheStreamIsItsOwnTask() {
        var tasks = PharmacyTask.of(
                RX,
                events(
                        "renewal_requested",
                        renewal(5),
                        answer(6, "approve", 5, "A1"),
                        delivery(7, "Dispatched", "A1"),
                        renewal(9)),
                JSON);
        assertThat(tasks).extracting(PharmacyTask::status).containsExactly(TaskStatus.COMPLETED, TaskStatus.REQUESTED);
        assertThat(tasks.get(1).answer()).isNull();
    }

    private static PharmacyTask only(List<TaskEvent> events) {
        var tasks = PharmacyTask.of(RX, events, JSON);
        assertThat(tasks).hasSize(1);
        return tasks.get(0);
    }

    private record Raw(int version, String type, String payload) {}

    private static List<TaskEvent> events(String status, Raw... raws) {
        List<TaskEvent> out = new ArrayList<>();
        for (Raw r : raws) {
            out.add(new TaskEvent(
                    r.version(),
                    r.type(),
                    OffsetDateTime.parse("2026-12-05T10:00:00Z"),
                    "pharmacy-1234563",
                    r.payload(),
                    status));
        }
        return out;
    }

    private static Raw renewal(int version) {
        return new Raw(version, "RxRenewalRequested", "{\"message_id\":\"R" + version + "\"}");
    }

    private static Raw change(int version) {
        return new Raw(
                version, "RxChangeRequested", "{\"message_id\":\"C" + version + "\",\"message_request_code\":\"G\"}");
    }

    private static Raw answer(int version, String decision, int requestVersion, String messageId) {
        // The Task reads either answer type the same way: by the request's version it names.
        String type = decision.equals("deny") ? "RxChangeResponsePrepared" : "RxRenewalResponsePrepared";
        return new Raw(
                version,
                type,
                "{\"decision\":\"" + decision + "\",\"request_version\":" + requestVersion + ",\"message_id\":\""
                        + messageId + "\"}");
    }

    private static Raw delivery(int version, String type, String messageId) {
        return new Raw(version, type, "{\"message_id\":\"" + messageId + "\"}");
    }
}
