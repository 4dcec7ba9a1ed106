package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.TestPropertySource;

/**
 * Resend after a pharmacy outage, through the real routes: NewRx given up on while a pharmacy was down
 * ({@code dispatch_failed}) are found, previewed (dry run, nothing changes), confirmed with the dry
 * run's token, and reach the pharmacy once each with their own MessageID; a prescription the pharmacy
 * answered is never resent, a stale or forged token resends nothing, and only managers may resend.
 */
@AutoConfigureObservability(tracing = false)
@TestPropertySource(
        properties = {
            "RXFLOW_OPS_MANAGER_PASSWORD=manager-it-secret",
            "RXFLOW_OPS_AGENT_PASSWORD=agent-it-secret",
            "rxflow.dispatch.max-redeliveries=2",
            "rxflow.dispatch.redelivery-delay-ms=100",
            "rxflow.dispatch.max-redelivery-delay-ms=200"
        })
class OpsResendIT extends HubIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGENT = "ops-agent:agent-it-secret";
    private static final String MANAGER = "ops-manager:manager-it-secret";
    private static final String DOWN = "3456786";
    private static final String REASON = "reason=pharmacy%20back%20after%20outage%20INC-42";

    @Test
    void resendsWhatFailedDuringAnOutageOnceEachAfterADryRunAndNeverWhatThePharmacyAnswered() throws Exception {
        setMode(DOWN, "down");
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            failed.add(accepted("RESEND-" + i, DOWN));
        }
        String answered = accepted("RESEND-OK", "1234563");
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            assertThat(failed).allSatisfy(id -> assertThat(status(id)).isEqualTo("dispatch_failed"));
            assertThat(status(answered)).isEqualTo("delivered");
        });
        setMode(DOWN, "up");
        awaitBreakerNotOpen();
        int outboxBefore = count("SELECT count(*) FROM outbox");

        assertThat(call(AGENT, "/api/v1/ops/resends?pharmacy=" + DOWN + "&" + REASON)
                        .statusCode())
                .as("agents read, managers resend")
                .isEqualTo(403);
        var noReason = call(MANAGER, "/api/v1/ops/resends?pharmacy=" + DOWN);
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noReason.body()).at("/issue/0/expression/0").asText())
                .isEqualTo("reason");

        JsonNode firstTwo = ok(call(MANAGER, "/api/v1/ops/resends?limit=2&pharmacy=" + DOWN + "&" + REASON));
        assertThat(firstTwo.get("resend")).hasSize(2);
        assertThat(firstTwo.get("more").asBoolean()).isTrue();

        JsonNode dryRun = ok(call(MANAGER, "/api/v1/ops/resends?pharmacy=" + DOWN + "&" + REASON));
        assertThat(dryRun.get("dry_run").asBoolean()).isTrue();
        assertThat(dryRun.get("resend").findValuesAsText("id")).containsExactlyInAnyOrderElementsOf(failed);
        assertThat(dryRun.get("more").asBoolean()).isFalse();
        assertThat(count("SELECT count(*) FROM outbox"))
                .as("a dry run changes nothing")
                .isEqualTo(outboxBefore);
        assertThat(failed).allSatisfy(id -> assertThat(status(id)).isEqualTo("dispatch_failed"));

        JsonNode notThisOne = ok(call(MANAGER, "/api/v1/ops/prescriptions/" + answered + "/resend?" + REASON));
        assertThat(notThisOne.get("resend")).isEmpty();
        assertThat(notThisOne.has("confirm")).isFalse();
        assertThat(notThisOne.at("/excluded/0/why").asText()).contains("the pharmacy answered");
        var forced = call(
                MANAGER,
                "/api/v1/ops/prescriptions/" + answered + "/resend?" + REASON + "&confirm="
                        + dryRun.get("confirm").asText());
        assertThat(forced.statusCode())
                .as("another set's token confirms nothing")
                .isEqualTo(409);

        String token = dryRun.get("confirm").asText();
        var otherReason = call(MANAGER, "/api/v1/ops/resends?pharmacy=" + DOWN + "&reason=other&confirm=" + token);
        assertThat(otherReason.statusCode())
                .as("the token holds the reason too")
                .isEqualTo(409);
        assertThat(count("SELECT count(*) FROM outbox")).isEqualTo(outboxBefore);

        var confirmed = call(MANAGER, "/api/v1/ops/resends?pharmacy=" + DOWN + "&" + REASON + "&confirm=" + token);
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(202);
        JsonNode done = JSON.readTree(confirmed.body());
        assertThat(done.get("resent").findValuesAsText("id")).containsExactlyInAnyOrderElementsOf(failed);
        assertThat(done.get("skipped")).isEmpty();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(failed)
                .allSatisfy(id -> assertThat(status(id)).isEqualTo("delivered")));
        JsonNode received = JSON.readTree(
                hub().get("/simulator/pharmacies/" + DOWN + "/received").body());
        assertThat(received.get("duplicates").asInt()).isZero();
        for (String id : failed) {
            String messageId = jdbc.queryForObject(
                    "SELECT newrx_message_id FROM prescription WHERE id = CAST(? AS uuid)", String.class, id);
            assertThat(received.get("message_ids").toString()).contains(messageId);
            assertThat(eventTypes(id)).containsSubsequence("DispatchFailed", "NewRxResent", "Dispatched");
            assertThat(jdbc.queryForObject(
                            "SELECT actor || ' ' || (payload ->> 'reason') FROM prescription_event"
                                    + " WHERE prescription_id = CAST(? AS uuid) AND event_type = 'NewRxResent'",
                            String.class,
                            id))
                    .isEqualTo("ops:ops-manager pharmacy back after outage INC-42");
        }

        var again = call(MANAGER, "/api/v1/ops/resends?pharmacy=" + DOWN + "&" + REASON + "&confirm=" + token);
        assertThat(again.statusCode()).as("a confirm is good once").isEqualTo(409);
        JsonNode afterwards = ok(call(MANAGER, "/api/v1/ops/resends?pharmacy=" + DOWN + "&status=delivered&" + REASON));
        assertThat(afterwards.get("resend")).isEmpty();
        assertThat(afterwards.get("excluded").findValuesAsText("id")).containsAll(failed);
        assertThat(count("SELECT count(*) FROM ops_audit WHERE actor = 'ops:ops-manager' AND action = 'resend'"
                        + " AND target IS NULL"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM ops_audit WHERE action = 'resend-dry-run'"))
                .isGreaterThanOrEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT string_agg(detail::text, ' ') FROM ops_audit", String.class))
                .as("no reason text or patient data in the audit rows")
                .doesNotContain("INC-42");
    }

    @Test
    void aResendThatFailsAgainCanBeResentAgain() throws Exception {
        setMode(DOWN, "down");
        String id = accepted("RESEND-TWICE", DOWN);
        await().atMost(Duration.ofSeconds(120)).until(() -> "dispatch_failed".equals(status(id)));
        String path = "/api/v1/ops/prescriptions/" + id + "/resend?" + REASON;
        var first = call(
                MANAGER,
                path + "&confirm=" + ok(call(MANAGER, path)).get("confirm").asText());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(120))
                .until(() ->
                        eventTypes(id).stream().filter("DispatchFailed"::equals).count() == 2);
        setMode(DOWN, "up");
        awaitBreakerNotOpen();
        var second = call(
                MANAGER,
                path + "&confirm=" + ok(call(MANAGER, path)).get("confirm").asText());
        assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> "delivered".equals(status(id)));
        assertThat(eventTypes(id).stream().filter("NewRxResent"::equals)).hasSize(2);
        assertThat(eventTypes(id).stream().filter("Dispatched"::equals)).hasSize(1);
    }

    /** The pharmacy is back; its breaker lets calls through again after its 5 s open state. */
    private static void awaitBreakerNotOpen() {
        await().atMost(Duration.ofSeconds(30)).until(() -> !"OPEN".equals(Breakers.state("rx-breaker-" + DOWN)));
    }

    private JsonNode ok(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> call(String user, String path) {
        var request = new HubClient("http://127.0.0.1:" + port, null).request(path);
        request.header(
                "Authorization", "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        request.POST(HttpRequest.BodyPublishers.noBody());
        return hub().send(request.build());
    }

    private String accepted(String orderNumber, String ncpdpId) throws Exception {
        var response = hub().post(
                        "/api/v1/prescriptions",
                        "application/json",
                        Fixtures.named("valid", "lisinopril-daily-envelope").readdressed(orderNumber, ncpdpId));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asText();
    }

    private void setMode(String pharmacy, String mode) {
        var request = hub().request("/simulator/pharmacies/" + pharmacy + "/mode")
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString(mode))
                .build();
        assertThat(hub().send(request).statusCode()).isLessThan(300);
    }

    private String status(String id) {
        return jdbc.queryForObject("SELECT status FROM prescription WHERE id = CAST(? AS uuid)", String.class, id);
    }

    private int count(String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }

    private List<String> eventTypes(String id) {
        return jdbc.queryForList(
                "SELECT event_type FROM prescription_event WHERE prescription_id = CAST(? AS uuid) ORDER BY version",
                String.class,
                id);
    }
}
