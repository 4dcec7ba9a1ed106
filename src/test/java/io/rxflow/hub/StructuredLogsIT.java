package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.config.EmbeddedKafkaBroker;
import io.rxflow.hub.ops.CorrelationUnitOfWork;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * JSON logs (RXFLOW_LOG_FORMAT=ecs): every line is one JSON object, and a line logged while a request
 * is handled carries that request's correlation id as a field of its own, with Camel's route id.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(
        properties = {
            "RXFLOW_LOG_FORMAT=ecs",
            "RXFLOW_OPS_MANAGER_PASSWORD=manager-it-secret",
            "logging.level.io.rxflow.hub.dispatch.DispatchOutcomes=DEBUG"
        })
class StructuredLogsIT extends HubIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    CamelContext camel;

    @Test
    void camelCarriesTheCorrelationIdWithTheHubsUnitOfWork() {
        // The keys pattern is not set: without this factory the id would neither follow an exchange to
        // another thread nor leave the thread when the exchange is done (CorrelationUnitOfWorkTest).
        assertThat(camel.getMDCLoggingKeysPattern()).isNull();
        assertThat(PluginHelper.getUnitOfWorkFactory(camel)).isInstanceOf(CorrelationUnitOfWork.Factory.class);
        assertThat(PluginHelper.getUnitOfWorkFactory(camel)
                        .createUnitOfWork(camel.getEndpoint("direct:rx-intake").createExchange()))
                .isInstanceOf(CorrelationUnitOfWork.class);
    }

    @Test
    void theDispatchOfAPrescriptionLogsUnderTheCorrelationIdOfItsRestCall(CapturedOutput output) throws Exception {
        var f = Fixtures.named("valid", "lisinopril-daily-envelope");
        var created = hub().post(
                        "/api/v1/prescriptions",
                        "application/json",
                        f.readdressed("CORR-LOG-1", "1234563"),
                        Map.of("X-Correlation-ID", "corr-json-newrx"));
        assertThat(created.statusCode()).isEqualTo(201);
        String messageId = jdbc.queryForObject(
                "SELECT newrx_message_id FROM prescription WHERE id = ?::uuid",
                String.class,
                JSON.readTree(created.body()).path("id").asText());

        // Logged by the pharmacy's dispatch route, on a Kafka consumer thread, after the relay.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode delivered = line(output, "NewRx " + messageId + " to pharmacy 1234563: Dispatched");
            assertThat(delivered.path("correlation_id").asText()).isEqualTo("corr-json-newrx");
            assertThat(delivered.at("/camel/routeId").asText()).startsWith("rx-dispatch");
        });
        assertEveryRouteLineHasACorrelationId(output);
    }

    @Test
    void aPharmacyAnswerTheHubCannotReadIsLoggedAsParkedUnderAnIdOfItsOwn(CapturedOutput output) throws Exception {
        new KafkaTopics(broker.bootstrapServers()).produce("ncpdp.inbound", "corr-log-garbage", "not SCRIPT at all");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode parked = line(output, "Parked on the dead letter by rx-pharmacy-replies (InvalidReplyException)");
            assertThat(parked.at("/log/level").asText()).isEqualTo("WARN");
            assertThat(parked.path("correlation_id").asText())
                    .as("the replies route gives the record an id of its own")
                    .isNotBlank();
            assertThat(parked.at("/camel/routeId").asText()).startsWith("rx-");
        });
        assertThat(output.getOut()).doesNotContain("not SCRIPT at all");
        assertEveryRouteLineHasACorrelationId(output);
    }

    @Test
    void theHubsLinesAreJsonAndALineLoggedForARequestCarriesItsCorrelationId(CapturedOutput output) throws Exception {
        assertThat(call("/api/v1/ops/pharmacies/1234563/pause", "corr-json-pause"))
                .isEqualTo(200);
        assertThat(call("/api/v1/ops/pharmacies/1234563/resume", "corr-json-resume"))
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode paused = line(output, "Dispatch to pharmacy 1234563 paused");
            assertThat(paused.path("correlation_id").asText()).isEqualTo("corr-json-pause");
            assertThat(paused.at("/camel/routeId").asText()).isEqualTo("rx-ops-pause");
            assertThat(line(output, "Dispatch to pharmacy 1234563 resumed")
                            .path("correlation_id")
                            .asText())
                    .isEqualTo("corr-json-resume");
        });
        int logged = 0;
        for (String line : output.getOut().split("\n")) {
            if (line.contains("rxflow") || line.contains("camel")) {
                JsonNode json = JSON.readTree(line);
                assertThat(json.path("@timestamp").isTextual())
                        .as("a JSON object with its time: %s", line)
                        .isTrue();
                logged++;
            }
        }
        assertThat(logged).isGreaterThan(10);
        assertEveryRouteLineHasACorrelationId(output);
    }

    /**
     * Whatever the route (REST, Kafka consumer, timer): a line logged while it handles a message (an
     * exchange) carries a correlation id. A consumer's own lines (connecting, pausing) belong to none.
     */
    private static void assertEveryRouteLineHasACorrelationId(CapturedOutput output) throws Exception {
        for (String line : output.getOut().split("\n")) {
            if (line.startsWith("{")) {
                JsonNode json = JSON.readTree(line);
                if (json.at("/camel/exchangeId").isTextual()) {
                    assertThat(json.path("correlation_id").asText())
                            .as("every line a route logs has a correlation id: %s", line)
                            .isNotBlank();
                }
            }
        }
    }

    private static JsonNode line(CapturedOutput output, String message) throws Exception {
        for (String line : output.getOut().split("\n")) {
            if (line.startsWith("{") && line.contains(message)) {
                return JSON.readTree(line);
            }
        }
        throw new AssertionError("no JSON line with: " + message);
    }

    private int call(String path, String correlationId) {
        var request = new HubClient("http://127.0.0.1:" + port, null)
                .request(path)
                .header("X-Correlation-ID", correlationId)
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                "ops-manager:manager-it-secret".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return hub().send(request).statusCode();
    }
}
