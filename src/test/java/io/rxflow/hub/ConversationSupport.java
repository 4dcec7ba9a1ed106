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

/** What the conversation ITs share: a delivered prescription, the pharmacy's posts, the stream as read back. */
abstract class ConversationSupport extends HubIntegrationTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String BARTON = "1234563";
    static final String RIVERSIDE = "3456786";

    record Rx(String id, String newRxXml, PharmacySystem pharmacy) {
        String newRxMessageId() {
            return pharmacy.newRxMessageId();
        }
    }

    /** A prescription submitted as an EHR would, delivered to the simulated pharmacy. */
    Rx delivered(String orderNumber, String ncpdpId) throws Exception {
        return submitted(orderNumber, ncpdpId, "delivered");
    }

    /** A prescription submitted as an EHR would, once it reached {@code wanted}. */
    Rx submitted(String orderNumber, String ncpdpId, String wanted) throws Exception {
        var response = hub().post(
                        "/api/v1/prescriptions",
                        "application/json",
                        Fixtures.named("valid", "lisinopril-daily-envelope").readdressed(orderNumber, ncpdpId));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String id = JSON.readTree(response.body()).get("id").asText();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> wanted.equals(status(id)));
        String xml = hub().get("/api/v1/prescriptions/" + id + "/script").body();
        return new Rx(id, xml, new PharmacySystem(xml, ncpdpId));
    }

    HttpResponse<String> inbound(String ncpdpId, String xml) {
        return post(xml, basic(ncpdpId, "simulator-" + ncpdpId));
    }

    HttpResponse<String> post(String xml, String authorization) {
        var request = new HubClient("http://127.0.0.1:" + port, null)
                .request("/ncpdp/inbound")
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return hub().send(request.build());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    String status(String id) {
        return jdbc.queryForObject("SELECT status FROM prescription WHERE id = CAST(? AS uuid)", String.class, id);
    }

    long allEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM prescription_event", Long.class);
    }

    List<String> eventTypes(String id) throws Exception {
        List<String> types = new ArrayList<>();
        events(id).forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    JsonNode lastEvent(String id) throws Exception {
        JsonNode events = events(id);
        return events.get(events.size() - 1);
    }

    JsonNode events(String id) throws Exception {
        return JSON.readTree(
                        hub().get("/api/v1/prescriptions/" + id + "/events").body())
                .get("events");
    }

    static void assertStatus000(HttpResponse<String> answer, String answeredMessageId) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/xml"));
        assertThat(answer.body()).as(answer.body()).contains("<Status>").contains("<Code>000</Code>");
        if (answeredMessageId != null) {
            assertThat(answer.body()).contains("<RelatesToMessageID>" + answeredMessageId + "</RelatesToMessageID>");
        }
    }

    static void assertError(HttpResponse<String> answer, String code, String descriptionCode, String xpath) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).as(answer.body()).contains("<Error>").contains("<Code>" + code + "</Code>");
        assertThat(answer.body()).contains("<DescriptionCode>" + descriptionCode + "</DescriptionCode>");
        if (xpath != null) {
            assertThat(answer.body()).contains("<Description>" + xpath + "</Description>");
        }
    }

    static String between(String text, String from, String to) {
        return text.substring(text.indexOf(from), text.lastIndexOf(to));
    }

    /** Tells the built-in simulator what pharmacy {@code ncpdpId} does ({@code PUT /simulator/...}). */
    void simulator(String ncpdpId, String setting, String value) {
        var response = hub().send(hub().request("/simulator/pharmacies/" + ncpdpId + "/" + setting)
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString(value))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    void awaitStatus(String id, String wanted) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> wanted.equals(status(id)));
    }

    JsonNode eventOfType(String id, String type) throws Exception {
        for (JsonNode e : events(id)) {
            if (e.get("type").asText().equals(type)) {
                return e;
            }
        }
        throw new AssertionError("no " + type + " event");
    }
}
