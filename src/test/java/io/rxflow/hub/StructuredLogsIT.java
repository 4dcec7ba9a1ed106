package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * JSON logs (RXFLOW_LOG_FORMAT=ecs): every line is one JSON object, and a line logged while a request
 * is handled carries that request's correlation id as a field of its own, with Camel's route id.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"RXFLOW_LOG_FORMAT=ecs", "RXFLOW_OPS_MANAGER_PASSWORD=manager-it-secret"})
class StructuredLogsIT extends HubIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

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
                assertThat(JSON.readTree(line).path("@timestamp").isTextual())
                        .as("a JSON object with its time: %s", line)
                        .isTrue();
                logged++;
            }
        }
        assertThat(logged).isGreaterThan(10);
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
