package io.rxflow.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.HubIntegrationTest;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The OpenAPI document the hub serves lists exactly the operations its REST definitions (the YAML
 * routes) declare: every path and method, none missing, none invented.
 */
class ApiDocumentIT extends HubIntegrationTest {
    @Autowired
    CamelContext camel;

    @Test
    void describesExactlyTheRestOperationsTheRoutesDeclare() throws Exception {
        var answer = hub().get("/api/v1/openapi.json");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode doc = new ObjectMapper().readTree(answer.body());
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        assertThat(doc.at("/info/title").asText()).isEqualTo("RxFlow Hub API");

        Set<String> documented = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue()
                .fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        Set<String> declared = new TreeSet<>();
        for (RestDefinition rest : ((ModelCamelContext) camel).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String path = rest.getPath() + (verb.getPath() == null ? "" : verb.getPath());
                declared.add(verb.asVerb().toUpperCase(Locale.ROOT) + " " + path);
            }
        }
        assertThat(declared).contains("POST /api/v1/prescriptions", "GET /api/v1/ops/prescriptions");
        assertThat(documented).isEqualTo(declared);
    }

    @Test
    void isBehindTheApiKeyLikeTheApi() {
        var keyless = new io.rxflow.hub.HubClient("http://127.0.0.1:" + port, null);
        assertThat(keyless.get("/api/v1/openapi.json").statusCode()).isEqualTo(401);
    }
}
