package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The operators' API through the real routes: the message browser's filters and paging checked
 * against the database itself, one prescription's events and SCRIPT messages, roles (EHR keys never
 * reach it, agents read, managers pause), the audit trail, and a paused pharmacy holding its
 * messages until it is resumed.
 */
@AutoConfigureObservability(tracing = false)
@TestPropertySource(
        properties = {
            "RXFLOW_OPS_ADMIN_PASSWORD=admin-it-secret",
            "RXFLOW_OPS_MANAGER_PASSWORD=manager-it-secret",
            "RXFLOW_OPS_AGENT_PASSWORD=agent-it-secret"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsBrowserIT extends HubIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A copy of the directory the test may edit before a reload. */
    private static final Path DIRECTORY = copyOfTheDirectory();

    @Autowired
    CamelContext camel;

    @DynamicPropertySource
    static void directory(DynamicPropertyRegistry registry) {
        registry.add("rxflow.pharmacies.file", () -> "file:" + DIRECTORY);
    }

    private static Path copyOfTheDirectory() {
        try (var in = OpsBrowserIT.class.getResourceAsStream("/config/pharmacies.yaml")) {
            Path copy = Files.createTempFile("ops-browser-pharmacies", ".yaml");
            Files.write(copy, in.readAllBytes());
            copy.toFile().deleteOnExit();
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String AGENT = "ops-agent:agent-it-secret";
    private static final String MANAGER = "ops-manager:manager-it-secret";
    private static final String ADMIN = "admin:admin-it-secret";

    @Test
    @Order(1)
    void everyFilterFindsWhatTheDatabaseHoldsNewestFirstAPageAtATime() throws Exception {
        List<String> fixtures =
                List.of("lisinopril-daily-envelope", "amlodipine-ndc-4-4-2-text-only-sig", "lisinopril-daily-envelope");
        List<String> pharmacies = List.of("1234563", "2345671", "1234563");
        for (int i = 0; i < 6; i++) {
            String envelope = envelope(
                    Fixtures.named("valid", fixtures.get(i % 3)).envelope(),
                    "OPS-" + i,
                    pharmacies.get(i % 3),
                    i == 4 ? "MRN-OPS-FOUR" : null);
            var created = hub().post("/api/v1/prescriptions", "application/json", envelope);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        String anyMessageId = jdbc.queryForObject(
                "SELECT newrx_message_id FROM prescription WHERE newrx_message_id IS NOT NULL LIMIT 1", String.class);

        assertThat(search(AGENT, "pharmacy=1234563")).containsExactlyElementsOf(truth("pharmacy_ncpdp_id = '1234563'"));
        assertThat(search(AGENT, "status=prepared&pharmacy=2345671"))
                .containsExactlyElementsOf(truth("status = 'prepared' AND pharmacy_ncpdp_id = '2345671'"));
        assertThat(search(AGENT, "patient_identifier=MRN-OPS-FOUR"))
                .hasSize(1)
                .containsExactlyElementsOf(truth("medication_request::text LIKE '%MRN-OPS-FOUR%'"));
        assertThat(search(AGENT, "message_id=" + anyMessageId))
                .containsExactlyElementsOf(truth("newrx_message_id = '" + anyMessageId + "'"));
        assertThat(search(AGENT, "controlled=false")).containsExactlyElementsOf(truth("NOT is_controlled"));
        String from = jdbc.queryForObject(
                "SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
                        + " FROM prescription ORDER BY created_at LIMIT 1 OFFSET 2",
                String.class);
        assertThat(search(AGENT, "from=" + URLEncoder.encode(from, StandardCharsets.UTF_8)))
                .containsExactlyElementsOf(truth("created_at >= '" + from + "'"));

        // Pages of two, followed to the end: every row once, in the same order as one big page.
        List<String> paged = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            JsonNode page = get(AGENT, "/api/v1/ops/prescriptions?limit=2" + (next == null ? "" : "&after=" + next));
            page.get("items").forEach(i -> paged.add(i.get("id").asText()));
            next = page.hasNonNull("next") ? page.get("next").asText() : null;
            pages++;
        } while (next != null && pages < 20);
        assertThat(paged).doesNotHaveDuplicates().containsExactlyElementsOf(truth("true"));
        assertThat(pages).isGreaterThanOrEqualTo(3);
    }

    @Test
    @Order(2)
    void refusesBadParametersNamingThem() throws Exception {
        for (String query :
                List.of("limit=0", "limit=x", "from=yesterday", "controlled=yes", "after=bm90LWEtY3Vyc29y")) {
            var answer = call(AGENT, "GET", "/api/v1/ops/prescriptions?" + query);
            assertThat(answer.statusCode()).as(query + ": " + answer.body()).isEqualTo(400);
            JsonNode outcome = JSON.readTree(answer.body());
            assertThat(outcome.get("resourceType").asText()).isEqualTo("OperationOutcome");
            assertThat(outcome.at("/issue/0/expression/0").asText()).isEqualTo(query.substring(0, query.indexOf('=')));
        }
    }

    @Test
    @Order(3)
    void showsOnePrescriptionsEventsAndScriptAndAuditsTheRead() throws Exception {
        String id = jdbc.queryForObject(
                "SELECT id::text FROM prescription WHERE newrx_message_id IS NOT NULL LIMIT 1", String.class);
        String messageId = jdbc.queryForObject(
                "SELECT newrx_message_id FROM prescription WHERE id = CAST(? AS uuid)", String.class, id);
        JsonNode detail = get(AGENT, "/api/v1/ops/prescriptions/" + id);
        assertThat(detail.get("id").asText()).isEqualTo(id);
        List<String> types = new ArrayList<>();
        detail.get("events").forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).containsSubsequence("PrescriptionReceived", "NewRxPrepared");
        assertThat(detail.at("/messages_sent/0/message_type").asText()).isEqualTo("NewRx");
        assertThat(detail.at("/messages_sent/0/message_id").asText()).isEqualTo(messageId);
        assertThat(detail.at("/messages_sent/0/script").asText()).contains("<MessageID>" + messageId + "</MessageID>");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM ops_audit WHERE actor = 'ops:ops-agent' AND action = 'read' AND target = ?",
                        Integer.class,
                        id))
                .isEqualTo(1);
        assertThat(call(AGENT, "GET", "/api/v1/ops/prescriptions/" + java.util.UUID.randomUUID())
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    @Order(4)
    void onlyOperatorsReachItAndOnlyManagersChangeIt() throws Exception {
        var anonymous = call(null, "GET", "/api/v1/ops/prescriptions");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("OperationOutcome");
        var withEhrKey =
                hub().send(hub().request("/api/v1/ops/prescriptions").GET().build());
        assertThat(withEhrKey.statusCode())
                .as("an EHR API key is not an operator")
                .isEqualTo(401);
        var wrongPassword = call("ops-agent:nope", "GET", "/api/v1/ops/prescriptions");
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        var agentPause = call(AGENT, "POST", "/api/v1/ops/pharmacies/3456786/pause");
        assertThat(agentPause.statusCode()).as(agentPause.body()).isEqualTo(403);
        assertThat(agentPause.body()).contains("OperationOutcome");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pharmacy_dispatch_pause", Integer.class))
                .isZero();
        // What the audit keeps: who and which filters, never a filter's value.
        assertThat(jdbc.queryForList("SELECT detail::text FROM ops_audit WHERE action = 'search'", String.class))
                .isNotEmpty()
                .noneMatch(d -> d.contains("MRN-OPS-FOUR"));
        assertThat(jdbc.queryForList("SELECT DISTINCT actor FROM ops_audit", String.class))
                .containsOnly("ops:ops-agent");
    }

    @Test
    @Order(5)
    void aPausedPharmacyKeepsItsMessagesUntilResumed() throws Exception {
        var paused = call(MANAGER, "POST", "/api/v1/ops/pharmacies/3456786/pause?reason=planned%20maintenance");
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(paused.body()).contains("\"dispatch\":\"paused\"");
        assertThat(paused("3456786")).isEqualTo(1.0);

        List<String> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(accepted(envelope(
                    Fixtures.named("valid", "lisinopril-daily-envelope").envelope(), "PAUSE-" + i, "3456786", null)));
        }
        String flowing = accepted(envelope(
                Fixtures.named("valid", "lisinopril-daily-envelope").envelope(), "PAUSE-OTHER", "1234563", null));
        await().atMost(Duration.ofSeconds(120)).until(() -> "delivered".equals(status(flowing)));
        // Another pharmacy's prescription went all the way meanwhile; these are still waiting.
        assertThat(held).allMatch(id -> "prepared".equals(status(id)));

        var resumed = call(MANAGER, "POST", "/api/v1/ops/pharmacies/3456786/resume");
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(120))
                .until(() -> held.stream().allMatch(id -> "delivered".equals(status(id))));
        assertThat(paused("3456786")).isEqualTo(0.0);
        assertThat(jdbc.queryForList(
                        "SELECT action || ' ' || target || ' ' || detail::text FROM ops_audit"
                                + " WHERE actor = 'ops:ops-manager' ORDER BY id",
                        String.class))
                .containsExactly("pause 3456786 {\"reason\": \"planned maintenance\"}", "resume 3456786 {}");
        assertThat(call(MANAGER, "POST", "/api/v1/ops/pharmacies/0000000/pause").statusCode())
                .isEqualTo(404);
    }

    @Test
    @Order(6)
    void auditsEveryReadOfPrescriptionContentThroughTheEhrApiAndServesItWhole() throws Exception {
        String id = accepted(envelope(
                Fixtures.named("valid", "lisinopril-daily-envelope").envelope(), "READ-1", "1234563", "MRN-READ-1"));
        jdbc.update("DELETE FROM ops_audit");
        var read = hub().get("/api/v1/prescriptions/" + id);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).get("id").asText()).isEqualTo(id);
        var fhirRead = hub().get("/fhir/r5/MedicationRequest/" + id);
        assertThat(fhirRead.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(fhirRead.body()).get("resourceType").asText()).isEqualTo("MedicationRequest");
        assertThat(hub().get("/api/v1/prescriptions/" + id + "/script").body()).contains("<NewRx>");
        assertThat(hub().get("/fhir/r5/MedicationDispense?prescription=" + id).statusCode())
                .isEqualTo(200);
        assertThat(hub().get("/fhir/r5/metadata").statusCode()).isEqualTo(200);
        assertThat(hub().get("/api/v1/prescriptions/" + java.util.UUID.randomUUID())
                        .statusCode())
                .isEqualTo(404);

        List<String> rows = jdbc.queryForList(
                "SELECT action || ' ' || coalesce(target, '-') || ' ' || (detail ->> 'path') FROM ops_audit ORDER BY id",
                String.class);
        assertThat(rows)
                .containsExactly(
                        "read " + id + " /api/v1/prescriptions/{id}",
                        "read " + id + " /fhir/r5/MedicationRequest/{id}",
                        "read " + id + " /api/v1/prescriptions/{id}/script",
                        "read " + id + " /fhir/r5/MedicationDispense");
        assertThat(jdbc.queryForList("SELECT DISTINCT actor FROM ops_audit", String.class))
                .singleElement()
                .asString()
                .startsWith("key-");
        assertThat(jdbc.queryForObject("SELECT string_agg(detail::text, ' ') FROM ops_audit", String.class))
                .doesNotContain("MRN-READ-1");
    }

    @Test
    @Order(7)
    void onlyAdminsReloadThePharmacyDirectoryAndTheReloadIsAudited() throws Exception {
        assertThat(hub().post("/api/v1/ops/pharmacies/reload", "application/json", "")
                        .statusCode())
                .as("an EHR API key changes no configuration")
                .isEqualTo(401);
        assertThat(call(MANAGER, "POST", "/api/v1/ops/pharmacies/reload").statusCode())
                .isEqualTo(403);
        var reloaded = call(ADMIN, "POST", "/api/v1/ops/pharmacies/reload");
        assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
        assertThat(JSON.readTree(reloaded.body()).get("dispatch_routes").toString())
                .contains("rx-dispatch-1234563", "rx-dispatch-2345671", "rx-dispatch-3456786");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM ops_audit WHERE actor = 'ops:admin' AND action = 'reload-pharmacies'",
                        Integer.class))
                .isEqualTo(1);
    }

    @Test
    @Order(8)
    void aReloadThatRemakesAPausedPharmacysRouteNeverStartsIt() throws Exception {
        String route = "rx-dispatch-3456786";
        assertThat(call(MANAGER, "POST", "/api/v1/ops/pharmacies/3456786/pause").statusCode())
                .isEqualTo(200);
        Route before = camel.getRoute(route);
        List<String> started = new CopyOnWriteArrayList<>();
        var notifier = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.RouteStartedEvent e) {
                    started.add(e.getRoute().getRouteId());
                }
            }
        };
        camel.getManagementStrategy().addEventNotifier(notifier);
        notifier.start();
        try {
            // Riverside (3456786) is the directory's last entry: a changed breaker makes its route anew.
            String text = Files.readString(DIRECTORY);
            int last = text.lastIndexOf("wait-in-open-state: 5s");
            Files.writeString(
                    DIRECTORY, text.substring(0, last) + "wait-in-open-state: 7s" + text.substring(last + 22));

            assertThat(call(ADMIN, "POST", "/api/v1/ops/pharmacies/reload").statusCode())
                    .isEqualTo(200);
            assertThat(camel.getRoute(route)).as("made anew").isNotSameAs(before);
            assertThat(camel.getRouteController().getRouteStatus(route)).isEqualTo(ServiceStatus.Stopped);
            assertThat(started).as("never started, not even for a moment").doesNotContain(route);

            assertThat(call(MANAGER, "POST", "/api/v1/ops/pharmacies/3456786/resume")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(camel.getRouteController().getRouteStatus(route)).isEqualTo(ServiceStatus.Started);
            // The delivery route reads nothing of its own: it is started with the reload, the consumer only on resume.
            assertThat(started).containsExactly(route + "-deliver", route);
        } finally {
            camel.getManagementStrategy().removeEventNotifier(notifier);
        }
    }

    @Test
    @Order(9)
    void everyRoleReadsTheHubsLogLevelsAndOnlyAdminsChangeThemForTheHubsOwnLoggers() throws Exception {
        String logger = "io.rxflow.hub.dispatch.DispatchOutcomes";
        String path = "/api/v1/ops/log-levels/" + logger + "?level=DEBUG";
        var listed = call(AGENT, "GET", "/api/v1/ops/log-levels");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(listed.body()).get("loggers").findValuesAsText("name"))
                .contains("io.rxflow.hub")
                .allMatch(name -> name.startsWith("io.rxflow.hub"));

        assertThat(hub().send(hub().request(path)
                                .PUT(HttpRequest.BodyPublishers.noBody())
                                .build())
                        .statusCode())
                .as("an EHR API key")
                .isEqualTo(401);
        assertThat(call(AGENT, "PUT", path).statusCode()).isEqualTo(403);
        assertThat(call(MANAGER, "PUT", path).statusCode()).isEqualTo(403);
        var library = call(ADMIN, "PUT", "/api/v1/ops/log-levels/org.apache.hc.client5.http.wire?level=DEBUG");
        assertThat(library.statusCode()).isEqualTo(400);
        assertThat(library.body()).contains("io.rxflow.hub", "logger");
        assertThat(call(ADMIN, "PUT", "/api/v1/ops/log-levels/" + logger + "?level=LOUD")
                        .statusCode())
                .isEqualTo(400);
        assertThat(LoggerFactory.getLogger(logger).isDebugEnabled()).isFalse();

        var changed = call(ADMIN, "PUT", path);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(JSON.readTree(changed.body()).get("effective_level").asText())
                .isEqualTo("DEBUG");
        assertThat(LoggerFactory.getLogger(logger).isDebugEnabled()).isTrue();
        assertThat(jdbc.queryForObject(
                        "SELECT actor || ' ' || target || ' ' || (detail ->> 'level') FROM ops_audit"
                                + " WHERE action = 'log-level'",
                        String.class))
                .isEqualTo("ops:admin " + logger + " DEBUG");

        var reset = call(ADMIN, "PUT", "/api/v1/ops/log-levels/" + logger + "?level=reset");
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(reset.body()).path("configured_level").asText(null))
                .as("inherits again")
                .isNull();
        assertThat(LoggerFactory.getLogger(logger).isDebugEnabled()).isFalse();
    }

    private List<String> search(String user, String query) throws Exception {
        List<String> ids = new ArrayList<>();
        get(user, "/api/v1/ops/prescriptions?limit=500&" + query)
                .get("items")
                .forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    /** The ids the database holds for a condition, in the browser's order. */
    private List<String> truth(String where) {
        return jdbc.queryForList(
                "SELECT id::text FROM prescription WHERE " + where + " ORDER BY created_at DESC, id DESC",
                String.class);
    }

    private JsonNode get(String user, String path) throws Exception {
        var answer = call(user, "GET", path);
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> call(String user, String method, String path) {
        var request = new HubClient("http://127.0.0.1:" + port, null).request(path);
        if (user != null) {
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        }
        request.method(method, HttpRequest.BodyPublishers.noBody());
        return hub().send(request.build());
    }

    /** The pharmacy's {@code rxflow_pharmacy_dispatch_paused} gauge, scraped as Prometheus does. */
    private double paused(String pharmacy) {
        var response = new HubClient("http://127.0.0.1:" + port, null).get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return Scrape.parse(response.body())
                .value("rxflow_pharmacy_dispatch_paused", "pharmacy=\"" + pharmacy + "\"")
                .orElseThrow();
    }

    private String accepted(String envelope) throws Exception {
        var response = hub().post("/api/v1/prescriptions", "application/json", envelope);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asText();
    }

    private String status(String id) {
        return jdbc.queryForObject("SELECT status FROM prescription WHERE id = CAST(? AS uuid)", String.class, id);
    }

    private static String envelope(String envelope, String orderNumber, String ncpdpId, String mrn) throws Exception {
        JsonNode root = JSON.readTree(envelope);
        ((ObjectNode) root.at("/medication_request/identifier/0")).put("value", orderNumber);
        for (JsonNode id : root.at("/pharmacy/identifier")) {
            if (id.get("system").asText().endsWith("NCPDPProviderIdentificationNumber")) {
                ((ObjectNode) id).put("value", ncpdpId);
            }
        }
        if (mrn != null) {
            ((ObjectNode) root.at("/patient/identifier/0")).put("value", mrn);
        }
        return JSON.writeValueAsString(root);
    }
}
