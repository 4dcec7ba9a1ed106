package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Operating the hub: the rxflow_* and Camel metrics in a real scrape (present at zero, then counted),
 * readiness with the routes and the database, and Hawtio/Jolokia behind a login with read-only roles.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"RXFLOW_OPS_ADMIN_PASSWORD=admin-it-secret", "RXFLOW_OPS_AGENT_PASSWORD=agent-it-secret"})
class OpsIT extends HubIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern METRIC = Pattern.compile("\\b((?:rxflow|camel)_[a-z0-9_]+)");

    @Test
    void exposesBusinessAndRouteMetricsFromTheStart() {
        Scrape scrape = scrape();
        assertThat(scrape.value("rxflow_dead_letters_total")).hasValue(0.0);
        assertThat(scrape.value("rxflow_intake_rejections_total", "rule=\"prescriber-npi-invalid\""))
                .isPresent();
        assertThat(scrape.value("rxflow_dispatched_total", "pharmacy=\"1234563\""))
                .isPresent();
        assertThat(scrape.value("rxflow_dispatch_failed_total", "pharmacy=\"2345671\""))
                .isPresent();
        assertThat(scrape.value("rxflow_pharmacy_answers_total", "kind=\"VERIFY\""))
                .isPresent();
        assertThat(scrape.value("rxflow_breaker_state", "pharmacy=\"1234563\"")).hasValue(0.0);
        assertThat(scrape.value("rxflow_outbox_pending")).isPresent();
        assertThat(scrape.value("rxflow_outbox_oldest_age_seconds")).isPresent();
        assertThat(scrape.value("rxflow_prescription_answer_seconds_count")).isPresent();
        assertThat(scrape.names()).anyMatch(n -> n.startsWith("camel_exchanges"));
        assertThat(scrape.series().keySet())
                .anyMatch(s -> s.contains("routeId=\"rx-intake\""))
                .anyMatch(s -> s.contains("routeId=\"rx-dispatch-1234563\""));
    }

    /** Needs a JVM of its own, as {@code TracingIT} explains: another live hub context would count it. */
    @Test
    void countsAPrescriptionFromIntakeToThePharmacysAnswer() throws Exception {
        Scrape before = scrape();
        var response = hub().post(
                        "/api/v1/prescriptions",
                        "application/json",
                        Fixtures.named("valid", "lisinopril-daily-envelope").envelope());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        String id = JSON.readTree(response.body()).get("id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> "delivered"
                .equals(jdbc.queryForObject(
                        "SELECT status FROM prescription WHERE id = CAST(? AS uuid)", String.class, id)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Scrape after = scrape();
            assertThat(increase(before, after, "rxflow_prescriptions_received_total"))
                    .isEqualTo(response.statusCode() == 201 ? 1.0 : 0.0);
            assertThat(increase(before, after, "rxflow_dispatched_total", "pharmacy=\"1234563\""))
                    .isGreaterThanOrEqualTo(1.0);
            assertThat(increase(before, after, "rxflow_pharmacy_answers_total", "kind=\"STATUS\""))
                    .isGreaterThanOrEqualTo(1.0);
            assertThat(increase(before, after, "rxflow_prescription_answer_seconds_count"))
                    .isGreaterThanOrEqualTo(1.0);
        });
    }

    @Test
    void scrapesEveryMetricTheAlertRulesAndDashboardName() throws Exception {
        Set<String> named = new TreeSet<>();
        for (String file : List.of("docker/prometheus/alerts.yml", "docker/grafana/dashboards/rxflow-hub.json")) {
            Matcher m = METRIC.matcher(Files.readString(Path.of(file)));
            while (m.find()) {
                named.add(m.group(1));
            }
        }
        assertThat(named)
                .contains("rxflow_dead_letters_total", "rxflow_breaker_state", "rxflow_outbox_oldest_age_seconds");
        assertThat(scrape().names()).containsAll(named);
    }

    @Test
    void isReadyWithItsRoutesAndDatabase() throws Exception {
        var response = hub().get("/actuator/health/readiness");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(response.body());
        assertThat(health.at("/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/routes/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
    }

    @Test
    void servesHawtioOnlyAfterALogin() {
        var anonymous = hub().send(plain("/actuator/hawtio/").GET().build());
        assertThat(anonymous.statusCode()).isIn(401, 302);
        var agent = hub().send(as("ops-agent", "agent-it-secret", "/actuator/hawtio/")
                .GET()
                .build());
        assertThat(agent.statusCode()).isEqualTo(200);
        assertThat(agent.body()).containsIgnoringCase("hawtio");
        var wrong =
                hub().send(as("ops-agent", "wrong", "/actuator/hawtio/").GET().build());
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void letsAgentsReadJolokiaAndOnlyAdminsExecute() throws Exception {
        String routes = "/actuator/jolokia/search/org.apache.camel:type=routes,*";
        var search = hub().send(as("ops-agent", "agent-it-secret", routes).GET().build());
        assertThat(search.statusCode())
                .as(search.headers().map() + " " + search.body())
                .isEqualTo(200);
        assertThat(search.body()).contains("rx-intake").contains("rx-dispatch-1234563");

        String gc = "/actuator/jolokia/exec/java.lang:type=Memory/gc";
        JsonNode denied = JSON.readTree(
                hub().send(as("ops-agent", "agent-it-secret", gc).GET().build()).body());
        assertThat(denied.at("/status").asInt()).isEqualTo(403);
        JsonNode allowed = JSON.readTree(
                hub().send(as("admin", "admin-it-secret", gc).GET().build()).body());
        assertThat(allowed.at("/status").asInt()).isEqualTo(200);

        var anonymous = hub().send(plain("/actuator/jolokia/version").GET().build());
        assertThat(anonymous.statusCode()).isIn(401, 302);
    }

    @Test
    void leavesTheApiKeyFilterInCharge() {
        var noKey = new HubClient("http://127.0.0.1:" + port, null).get("/api/v1/pharmacies");
        assertThat(noKey.statusCode()).isEqualTo(401);
        var basic = hub().send(as("admin", "admin-it-secret", "/api/v1/pharmacies")
                .GET()
                .build());
        assertThat(basic.statusCode()).isEqualTo(200);
        assertThat(new HubClient("http://127.0.0.1:" + port, null)
                        .get("/actuator/prometheus")
                        .statusCode())
                .isEqualTo(200);
    }

    private Scrape scrape() {
        var response = new HubClient("http://127.0.0.1:" + port, null).get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return Scrape.parse(response.body());
    }

    private static double increase(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels).orElse(0) - before.value(name, labels).orElse(0);
    }

    private HttpRequest.Builder plain(String path) {
        return new HubClient("http://127.0.0.1:" + port, null).request(path);
    }

    private HttpRequest.Builder as(String user, String password, String path) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return hub().request(path).header("Authorization", "Basic " + token);
    }
}
