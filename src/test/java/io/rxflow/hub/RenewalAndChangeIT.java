package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Renewal and change end to end on the whole hub (docs/conversation.md): the simulator asks, the EHR
 * finds the request as a FHIR Task, the prescriber answers through the API, and the response leaves
 * once through the outbox and the pharmacy's dispatch route to the simulator; the Task, the status,
 * the events and the MedicationRequest follow.
 */
class RenewalAndChangeIT extends ConversationSupport {
    private static final String FHIR = "application/fhir+json";

    @Test
    void aRenewalIsATaskTheApprovalGoesOutOnceAndCompletesIt() throws Exception {
        simulator(RIVERSIDE, "follow-up", "renewal");
        Rx rx = delivered("RENEW-1", RIVERSIDE);
        awaitStatus(rx.id(), "renewal_requested");
        simulator(RIVERSIDE, "follow-up", "none");

        JsonNode open = taskOf(search("?status=requested"), rx.id());
        String taskId = open.get("id").asText();
        JsonNode task = read(taskId);
        assertThat(task.get("status").asText()).isEqualTo("requested");
        assertThat(task.get("intent").asText()).isEqualTo("order");
        assertThat(task.at("/code/coding/0/code").asText()).isEqualTo("renewal");
        assertThat(task.at("/focus/reference").asText()).isEqualTo("MedicationRequest/" + rx.id());
        assertThat(task.at("/for/reference").asText()).isEqualTo("#patient");
        assertThat(task.at("/requester/identifier/value").asText()).isEqualTo(RIVERSIDE);
        assertThat(task.at("/input/0/type/coding/0/code").asText()).isEqualTo("dispensed-medication");
        assertThat(task.get("contained").toString()).contains("\"resourceType\":\"Patient\"");

        var answer = hub().post(
                        "/api/v1/prescriptions/" + rx.id() + "/renewal-response",
                        "application/json",
                        "{\"decision\":\"approve\",\"number_of_refills\":2,\"note\":\"Renewed\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("status").asText()).isEqualTo("renewed");
        assertThat(body.get("task").asText()).isEqualTo("Task/" + taskId);
        String responseId = body.get("rx_renewal_response_message_id").asText();

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "completed".equals(read(taskId).get("status").asText()));
        assertThat(eventTypes(rx.id()))
                .containsSubsequence("RxRenewalRequested", "RxRenewalResponsePrepared", "Dispatched");
        String xml = eventOfType(rx.id(), "RxRenewalResponsePrepared")
                .at("/payload/xml")
                .asText();
        String requestId = eventOfType(rx.id(), "RxRenewalRequested")
                .at("/payload/message_id")
                .asText();
        assertThat(xml)
                .contains("<RxRenewalResponse>")
                .contains("<RelatesToMessageID>" + requestId + "</RelatesToMessageID>")
                .contains("<NumberOfRefills>2</NumberOfRefills>");
        assertThat(lastEvent(rx.id()).at("/payload/message_type").asText()).isEqualTo("RxRenewalResponse");
        assertThat(hub().get("/simulator/pharmacies/" + RIVERSIDE + "/received").body())
                .contains(responseId);
        assertThat(outboxRows(rx.id(), "RxRenewalResponse")).isEqualTo(1);
        assertThat(status(rx.id())).isEqualTo("renewed");
        JsonNode completed = read(taskId);
        assertThat(completed.at("/businessStatus/text").asText()).isEqualTo("approve");
        assertThat(completed.at("/output/0/valueString").asText()).isEqualTo(responseId);
        JsonNode mr = JSON.readTree(
                hub().get("/fhir/r5/MedicationRequest/" + rx.id(), FHIR).body());
        assertThat(mr.at("/statusReason/coding/0/code").asText()).isEqualTo("renewed");

        // Answered: a second answer is refused, recorded, and nothing more is sent.
        var again = hub().post(
                        "/api/v1/prescriptions/" + rx.id() + "/renewal-response",
                        "application/json",
                        "{\"decision\":\"deny\",\"reason_code\":\"AA\"}");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(again.body()).contains("OperationOutcome").contains("conflict");
        assertThat(lastEvent(rx.id()).get("type").asText()).isEqualTo("TransitionRefused");
        assertThat(outboxRows(rx.id(), "RxRenewalResponse")).isEqualTo(1);
        assertThat(search("?status=requested").toString()).doesNotContain(taskId);
        assertThat(search("?status=completed").toString()).contains(taskId);
    }

    @Test
    void aChangeDeniedWithAReasonCodeIsARejectedTask() throws Exception {
        simulator(BARTON, "follow-up", "change");
        Rx rx = delivered("CHANGE-1", BARTON);
        awaitStatus(rx.id(), "change_requested");
        simulator(BARTON, "follow-up", "none");
        String taskId = taskOf(search("?status=requested"), rx.id()).get("id").asText();
        JsonNode task = read(taskId);
        assertThat(task.at("/code/coding/0/code").asText()).isEqualTo("change");
        assertThat(task.at("/reason/0/concept/coding/0/code").asText()).isEqualTo("G");
        assertThat(task.at("/input/0/type/coding/0/code").asText()).isEqualTo("requested-medication");

        String path = "/api/v1/prescriptions/" + rx.id() + "/change-response";
        var noReason = hub().post(path, "application/json", "{\"decision\":\"deny\"}");
        assertThat(noReason.statusCode()).as(noReason.body()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason_code");
        var replace = hub().post(path, "application/json", "{\"decision\":\"replace\",\"quantity\":\"10\"}");
        assertThat(replace.statusCode()).isEqualTo(400);
        var wrongKind = hub().post(
                        "/api/v1/prescriptions/" + rx.id() + "/renewal-response",
                        "application/json",
                        "{\"decision\":\"approve\"}");
        assertThat(wrongKind.statusCode()).as(wrongKind.body()).isEqualTo(409);
        assertThat(lastEvent(rx.id()).get("type").asText()).isEqualTo("TransitionRefused");
        assertThat(status(rx.id())).isEqualTo("change_requested");

        var denied = hub().post(
                        path,
                        "application/json",
                        "{\"decision\":\"deny\",\"reason_code\":\"AL\",\"reason\":\"Keep it\"}");
        assertThat(denied.statusCode()).as(denied.body()).isEqualTo(202);
        assertThat(JSON.readTree(denied.body()).get("status").asText()).isEqualTo("change_denied");
        JsonNode rejected = read(taskId);
        assertThat(rejected.get("status").asText()).isEqualTo("rejected");
        assertThat(rejected.at("/statusReason/concept/coding/0/code").asText()).isEqualTo("AL");
        assertThat(eventOfType(rx.id(), "RxChangeResponsePrepared")
                        .at("/payload/xml")
                        .asText())
                .contains("<RxChangeResponse>")
                .contains("<ReasonCode>AL</ReasonCode>");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> lastEvent(rx.id()).get("type").asText().equals("Dispatched"));
        assertThat(status(rx.id())).isEqualTo("change_denied");
        assertThat(outboxRows(rx.id(), "RxChangeResponse")).isEqualTo(1);
    }

    @Test
    void theFhirWayDeniesARenewalTaskWithParameters() throws Exception {
        simulator(BARTON, "follow-up", "renewal");
        Rx rx = delivered("RENEW-FHIR", BARTON);
        awaitStatus(rx.id(), "renewal_requested");
        simulator(BARTON, "follow-up", "none");
        String taskId = taskOf(search("?status=requested"), rx.id()).get("id").asText();
        String respond = "/fhir/r5/Task/" + taskId + "/$respond";

        var bad = hub().post(respond, FHIR, parameters("maybe", null));
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).contains("decision");
        var denied = hub().post(respond, FHIR, parameters("deny", "AF"));
        assertThat(denied.statusCode()).as(denied.body()).isEqualTo(202);
        assertThat(denied.body()).contains("OperationOutcome").contains("RxRenewalResponse");
        assertThat(denied.headers().firstValue("Location")).hasValue("/fhir/r5/Task/" + taskId);
        assertThat(status(rx.id())).isEqualTo("renewal_denied");
        JsonNode task = read(taskId);
        assertThat(task.get("status").asText()).isEqualTo("rejected");
        assertThat(task.at("/statusReason/concept/coding/0/code").asText()).isEqualTo("AF");
        assertThat(hub().post(respond, FHIR, parameters("deny", "AF")).statusCode())
                .isEqualTo(409);
        assertThat(outboxRows(rx.id(), "RxRenewalResponse")).isEqualTo(1);
    }

    @Test
    void theTaskSearchPagesNewestFirstAndItsNextLinksShowEachRequestOnce() throws Exception {
        simulator(BARTON, "follow-up", "renewal");
        List<String> mine = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Rx rx = delivered("RENEW-PAGE-" + i, BARTON);
            awaitStatus(rx.id(), "renewal_requested");
            mine.add(rx.id());
        }
        simulator(BARTON, "follow-up", "none");

        List<String> seen = new ArrayList<>();
        String query = "?status=requested&_count=2";
        int pages = 0;
        while (query != null) {
            JsonNode bundle = search(query);
            assertThat(bundle.path("entry").size()).isBetween(1, 2);
            bundle.path("entry")
                    .forEach(e ->
                            seen.add(e.at("/resource/focus/reference").asText().replace("MedicationRequest/", "")));
            query = null;
            for (JsonNode link : bundle.path("link")) {
                if ("next".equals(link.path("relation").asText())) {
                    assertThat(bundle.has("total"))
                            .as("no total while more may follow")
                            .isFalse();
                    query = link.path("url").asText().substring("/fhir/r5/Task".length());
                }
            }
            pages++;
        }
        assertThat(pages).isGreaterThanOrEqualTo(2);
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen.stream().filter(mine::contains).toList())
                .as("newest first")
                .containsExactly(mine.get(2), mine.get(1), mine.get(0));

        var forged = hub().get("/fhir/r5/Task?status=requested&_cursor=bm90LWEtY3Vyc29y", FHIR);
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("_cursor");
    }

    @Test
    void anAnswerNeedsAnOpenRequestAndTasksNeedRealIds() throws Exception {
        var unknown = hub().post(
                        "/api/v1/prescriptions/00000000-0000-0000-0000-000000000000/renewal-response",
                        "application/json",
                        "{\"decision\":\"approve\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        Rx rx = delivered("RENEW-NONE", BARTON);
        var none = hub().post(
                        "/api/v1/prescriptions/" + rx.id() + "/renewal-response",
                        "application/json",
                        "{\"decision\":\"approve\"}");
        assertThat(none.statusCode()).as(none.body()).isEqualTo(409);
        assertThat(status(rx.id())).isEqualTo("delivered");
        assertThat(hub().get("/fhir/r5/Task/" + rx.id() + "-1", FHIR).statusCode())
                .isEqualTo(404);
        assertThat(hub().get("/fhir/r5/Task/not-a-task", FHIR).statusCode()).isEqualTo(404);
        var badStatus = hub().get("/fhir/r5/Task?status=pondering", FHIR);
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(badStatus.body()).contains("status");
        var keyless = new HubClient("http://127.0.0.1:" + port, null);
        assertThat(keyless.get("/fhir/r5/Task").statusCode()).isEqualTo(401);
    }

    private JsonNode search(String query) throws Exception {
        var response = hub().get("/fhir/r5/Task" + query, FHIR);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode bundle = JSON.readTree(response.body());
        assertThat(bundle.get("type").asText()).isEqualTo("searchset");
        return bundle;
    }

    private JsonNode read(String taskId) throws Exception {
        var response = hub().get("/fhir/r5/Task/" + taskId, FHIR);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode taskOf(JsonNode bundle, String prescriptionId) {
        for (JsonNode entry : bundle.path("entry")) {
            if (entry.at("/resource/focus/reference").asText().equals("MedicationRequest/" + prescriptionId)) {
                return entry.get("resource");
            }
        }
        throw new AssertionError("no Task for " + prescriptionId + " in " + bundle);
    }

    private static String parameters(String decision, String reasonCode) {
        var p = JSON.createObjectNode().put("resourceType", "Parameters");
        var list = p.putArray("parameter");
        list.addObject().put("name", "decision").put("valueCode", decision);
        if (reasonCode != null) {
            list.addObject().put("name", "reason_code").put("valueCode", reasonCode);
        }
        return p.toString();
    }

    private int outboxRows(String id, String type) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM outbox WHERE aggregate_id = CAST(? AS uuid) AND message_type = ?",
                Integer.class,
                id,
                type);
    }
}
