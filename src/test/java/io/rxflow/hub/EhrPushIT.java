package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r5.model.MedicationDispense;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Back to the EHR end to end (docs/conversation.md): the EHR submitting with {@code it-key-one} has its
 * own FHIR server, a real HAPI {@code RestfulServer} started here; the built-in simulator fills, answers
 * a cancel and asks for a renewal, the prescriber answers, and the EHR's server receives each change
 * once, as the hub's FHIR views show it, with the bearer token. A change made while that server is down
 * arrives once it is back on the same port.
 */
@AutoConfigureObservability(tracing = false)
class EhrPushIT extends ConversationSupport {
    /** The id of it-key-one: the first 12 hex digits of its SHA-256. */
    private static final String EHR = "key-234953f26bd2";

    private static final String TOKEN = "it-ehr-token-7d1c";
    private static EhrFhirServer ehrServer;

    @DynamicPropertySource
    static void ehrServer(DynamicPropertyRegistry registry) throws Exception {
        ehrServer = EhrFhirServer.start();
        registry.add("rxflow.ehr-push.ehrs." + EHR + ".base-url", ehrServer::baseUrl);
        registry.add("rxflow.ehr-push.ehrs." + EHR + ".bearer-token", () -> TOKEN);
        registry.add("rxflow.ehr-push.poll-interval", () -> "200ms");
        registry.add("rxflow.ehr-push.backoff-initial", () -> "200ms");
        registry.add("rxflow.ehr-push.backoff-max", () -> "1s");
        registry.add("rxflow.ehr-push.timeout", () -> "3s");
        registry.add("rxflow.ehr-push.lease", () -> "30s");
    }

    @AfterAll
    static void stopEhrServer() throws Exception {
        ehrServer.close();
    }

    @Test
    void aFillACancelAnswerARenewalAndItsAnswerEachReachTheEhrsServerOnce() throws Exception {
        // A fill: the MedicationDispense, as GET /fhir/r5/MedicationDispense?prescription= shows it.
        simulator(BARTON, "follow-up", "fill");
        Rx filled = submitted("PUSH-FILL-1", BARTON, "dispensed");
        simulator(BARTON, "follow-up", "none");
        String dispenseId = filled.id() + "-"
                + eventOfType(filled.id(), "RxFillReceived").get("version").asInt();
        var dispense =
                (MedicationDispense) arrived("MedicationDispense", dispenseId).resource();
        assertThat(dispense.getStatus().toCode()).isEqualTo("completed");
        assertThat(dispense.getAuthorizingPrescriptionFirstRep().getReference())
                .isEqualTo("MedicationRequest/" + filled.id());
        assertThat(dispense.getPerformerFirstRep().getActor().getIdentifier().getValue())
                .isEqualTo(BARTON);
        assertThat(arrived("MedicationDispense", dispenseId).authorization()).isEqualTo("Bearer " + TOKEN);

        // A cancel the pharmacy approves: the MedicationRequest with its status and statusReason.
        simulator(RIVERSIDE, "cancel-answer", "approve");
        Rx cancelled = delivered("PUSH-CANCEL-1", RIVERSIDE);
        var cancel = hub().post("/api/v1/prescriptions/" + cancelled.id() + "/cancel", "application/json", "");
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
        awaitStatus(cancelled.id(), "cancelled");
        var mr =
                (MedicationRequest) arrived("MedicationRequest", cancelled.id()).resource();
        assertThat(mr.getStatus().toCode()).isEqualTo("cancelled");
        assertThat(mr.getStatusReason().getCodingFirstRep().getCode()).isEqualTo("cancelled");
        assertThat(mr.getIdentifierFirstRep().getValue()).isEqualTo("PUSH-CANCEL-1");

        // A renewal request: its Task; the prescriber's answer: the same Task again, answered.
        simulator(RIVERSIDE, "follow-up", "renewal");
        Rx renewal = delivered("PUSH-RENEW-1", RIVERSIDE);
        awaitStatus(renewal.id(), "renewal_requested");
        simulator(RIVERSIDE, "follow-up", "none");
        String taskId = renewal.id() + "-"
                + eventOfType(renewal.id(), "RxRenewalRequested").get("version").asInt();
        var requested = (Task) arrived("Task", taskId).resource();
        assertThat(requested.getStatus().toCode()).isEqualTo("requested");
        assertThat(requested.getFocus().getReference()).isEqualTo("MedicationRequest/" + renewal.id());
        assertThat(requested.getCode().getCodingFirstRep().getCode()).isEqualTo("renewal");
        assertThat(requested.getRequester().getIdentifier().getValue()).isEqualTo(RIVERSIDE);

        var answer = hub().post(
                        "/api/v1/prescriptions/" + renewal.id() + "/renewal-response",
                        "application/json",
                        "{\"decision\":\"approve\",\"number_of_refills\":2}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        String responseId = JSON.readTree(answer.body())
                .get("rx_renewal_response_message_id")
                .asText();
        // The answer and the answer's delivery each change the Task.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> ehrServer.updates("Task", taskId).size() >= 3);
        var answered = (Task) ehrServer.updates("Task", taskId).get(1).resource();
        assertThat(answered.getStatus().toCode()).isIn("accepted", "completed");
        assertThat(answered.getBusinessStatus().getText()).isEqualTo("approve");
        var completed = (Task) ehrServer.updates("Task", taskId).get(2).resource();
        assertThat(completed.getStatus().toCode()).isEqualTo("completed");
        assertThat(completed.getOutputFirstRep().getValue().primitiveValue()).isEqualTo(responseId);

        // Everything pushed, each change exactly once.
        awaitNothingPending();
        assertThat(ehrServer.updates("MedicationDispense", dispenseId)).hasSize(1);
        assertThat(ehrServer.updates("MedicationRequest", cancelled.id())).hasSize(1);
        assertThat(ehrServer.updates("Task", taskId)).hasSize(3);
        assertThat(pushRows(filled.id())).isEqualTo(1);
        assertThat(pushRows(cancelled.id())).isEqualTo(1);
        assertThat(pushRows(renewal.id())).isEqualTo(3);
        Scrape metrics = metrics();
        assertThat(metrics.value("rxflow_ehr_push_pushed_total").orElseThrow()).isGreaterThanOrEqualTo(5);
        assertThat(metrics.value("rxflow_ehr_push_pending")).hasValue(0.0);
    }

    @Test
    void aPharmacyErrorThatLeavesARenewalRequestUnansweredCancelsItsTaskAtTheEhr() throws Exception {
        simulator(RIVERSIDE, "follow-up", "renewal");
        Rx rx = delivered("PUSH-RENEW-ERR-1", RIVERSIDE);
        awaitStatus(rx.id(), "renewal_requested");
        simulator(RIVERSIDE, "follow-up", "none");
        String taskId = rx.id() + "-"
                + eventOfType(rx.id(), "RxRenewalRequested").get("version").asInt();
        assertThat(((Task) arrived("Task", taskId).resource()).getStatus().toCode())
                .isEqualTo("requested");

        // The pharmacy gives up on the prescription before the prescriber answered.
        String error = rx.pharmacy()
                .message(
                        PharmacySystem.newMessageId(),
                        rx.newRxMessageId(),
                        null,
                        rx.pharmacy().orderNumber(),
                        "<Error><Code>900</Code><DescriptionCode>1000</DescriptionCode>"
                                + "<Description>Prescription could not be processed</Description></Error>");
        assertStatus000(inbound(RIVERSIDE, error), null);
        awaitStatus(rx.id(), "error");

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> ehrServer.updates("Task", taskId).size() >= 2);
        var cancelled = (Task) ehrServer.updates("Task", taskId).get(1).resource();
        assertThat(cancelled.getStatus().toCode()).isEqualTo("cancelled");
        awaitNothingPending();
        assertThat(ehrServer.updates("Task", taskId)).hasSize(2);
        assertThat(JSON.readTree(hub().get("/fhir/r5/Task/" + taskId).body())
                        .get("status")
                        .asText())
                .isEqualTo("cancelled");
    }

    @Test
    void aChangeMadeWhileTheEhrsServerIsDownArrivesOnceItIsBack() throws Exception {
        simulator(BARTON, "follow-up", "none");
        Rx rx = delivered("PUSH-DOWN-1", BARTON);
        int port = ehrServer.port();
        ehrServer.stop();
        try {
            simulator(BARTON, "cancel-answer", "deny");
            var cancel = hub().post("/api/v1/prescriptions/" + rx.id() + "/cancel", "application/json", "");
            assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
            awaitStatus(rx.id(), "cancel_denied");
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> failedAttempts(rx.id()) >= 2);
            Map<String, Object> row = jdbc.queryForMap(
                    "SELECT pushed_at, last_error FROM ehr_push WHERE prescription_id = CAST(? AS uuid)", rx.id());
            assertThat(row.get("pushed_at")).isNull();
            assertThat((String) row.get("last_error")).doesNotContain(TOKEN).doesNotContain("PUSH-DOWN-1");
            Scrape metrics = metrics();
            assertThat(metrics.value("rxflow_ehr_push_failed_attempts_total").orElseThrow())
                    .isGreaterThanOrEqualTo(2);
            assertThat(metrics.value("rxflow_ehr_push_pending").orElseThrow()).isGreaterThanOrEqualTo(1);
            assertThat(ehrServer.updates("MedicationRequest", rx.id())).isEmpty();
        } finally {
            simulator(BARTON, "cancel-answer", "approve");
            ehrServer.startOn(port);
        }
        var mr = (MedicationRequest) arrived("MedicationRequest", rx.id()).resource();
        assertThat(mr.getStatus().toCode()).isEqualTo("active");
        assertThat(mr.getStatusReason().getCodingFirstRep().getCode()).isEqualTo("cancel_denied");
        awaitNothingPending();
        assertThat(ehrServer.updates("MedicationRequest", rx.id())).hasSize(1);
    }

    @Test
    void anEhrWithoutItsOwnServerGetsNoPushRows() throws Exception {
        simulator(BARTON, "follow-up", "fill");
        var response = new HubClient("http://127.0.0.1:" + port, "it-key-two")
                .post(
                        "/api/v1/prescriptions",
                        "application/json",
                        Fixtures.named("valid", "lisinopril-daily-envelope").readdressed("PUSH-OTHER-1", BARTON));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String id = JSON.readTree(response.body()).get("id").asText();
        awaitStatus(id, "dispensed");
        simulator(BARTON, "follow-up", "none");
        assertThat(pushRows(id)).isZero();
    }

    /** The Prometheus scrape (no API key: the actuator is not the EHRs' API). */
    private Scrape metrics() {
        return Scrape.parse(new HubClient("http://127.0.0.1:" + port, null)
                .get("/actuator/prometheus")
                .body());
    }

    private EhrFhirServer.Received arrived(String type, String id) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !ehrServer.updates(type, id).isEmpty());
        List<EhrFhirServer.Received> received = ehrServer.updates(type, id);
        return received.get(0);
    }

    private void awaitNothingPending() {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() ->
                        jdbc.queryForObject("SELECT count(*) FROM ehr_push WHERE pushed_at IS NULL", Long.class) == 0);
    }

    private long pushRows(String id) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM ehr_push WHERE prescription_id = CAST(? AS uuid)", Long.class, id);
    }

    private int failedAttempts(String id) {
        List<Integer> attempts = jdbc.queryForList(
                "SELECT attempts FROM ehr_push WHERE prescription_id = CAST(? AS uuid) AND pushed_at IS NULL",
                Integer.class,
                id);
        return attempts.isEmpty() ? 0 : attempts.get(0);
    }
}
