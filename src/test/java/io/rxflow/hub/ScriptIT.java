package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.intake.IntakeWarmUp;
import io.rxflow.hub.script.ScriptSchemas;
import io.rxflow.hub.support.SamplePrescriptions;
import java.net.http.HttpResponse;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The NewRx through the real routes: at intake, in the preview, and served back in both versions. */
class ScriptIT extends HubIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ScriptSchemas SCHEMAS = ScriptSchemas.load(null);

    @Autowired
    private CamelContext camel;

    @Test
    void previewsEveryFixtureAsValidNewRxInBothVersionsAndStoresNothing() {
        int before = jdbc.queryForObject("SELECT count(*) FROM prescription_event", Integer.class);
        for (Fixtures.Fixture f : Fixtures.all("valid")) {
            HttpResponse<String> v2023 = hub().post("/api/v1/script/preview", "application/json", f.envelope());
            assertThat(v2023.statusCode()).as(f.name() + ": " + v2023.body()).isEqualTo(200);
            assertThat(v2023.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/xml");
            SCHEMAS.validate2023011(v2023.body());
            assertThat(v2023.body()).contains("<NewRx>").contains("TransactionVersion=\"20230116\"");

            var v2017 = hub().post("/api/v1/script/preview?version=2017071", "application/json", f.envelope());
            assertThat(v2017.statusCode())
                    .as(f.name() + " as 2017071: " + v2017.body())
                    .isEqualTo(200);
            SCHEMAS.validate2017071(v2017.body());
            assertThat(v2017.body()).contains("TransactionVersion=\"20170715\"");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM prescription_event", Integer.class))
                .isEqualTo(before);
    }

    @Test
    void theWarmUpPreviewsEverySampleShippedInTheJarAndStoresNothing() {
        List<Integer> before = counts();

        IntakeWarmUp.Result result = new IntakeWarmUp(camel, 1).run();

        assertThat(result.sent()).isEqualTo(SamplePrescriptions.names().size()).isGreaterThan(10);
        assertThat(result.refused()).isEmpty();
        assertThat(counts()).as("events, read model, outbox, rejections").isEqualTo(before);
    }

    @Test
    void theWarmUpNamesEverySampleNotAnswered200() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:warm-up-refusing").setHeader(Exchange.HTTP_RESPONSE_CODE, constant(422));
            }
        });

        IntakeWarmUp.Result result = new IntakeWarmUp(camel, 1, "direct:warm-up-refusing").run();

        List<String> names = SamplePrescriptions.names();
        assertThat(result.refused()).hasSize(names.size());
        assertThat(result.refused().get(0)).isEqualTo(names.get(0) + " (422)");
    }

    private List<Integer> counts() {
        return List.of("prescription_event", "prescription", "outbox", "intake_rejection").stream()
                .map(table -> jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class))
                .toList();
    }

    @Test
    void storesTheNewRxAtIntakeAndServesItInTheAskedVersion() throws Exception {
        String envelope = Fixtures.named("valid", "oxycodone-cii-ndc-prn-dose-range-no-refills")
                .envelope()
                .replace("RX-2026-001151", "RX-SCRIPT-IT-1");
        assertThat(envelope).contains("RX-SCRIPT-IT-1");
        var created = hub().post("/api/v1/prescriptions", "application/json", envelope);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();
        assertThat(JSON.readTree(created.body()).get("is_controlled").asBoolean())
                .isTrue();

        var events = JSON.readTree(
                        hub().get("/api/v1/prescriptions/" + id + "/events").body())
                .get("events");
        String messageId = events.get(2).at("/payload/message_id").asText();
        assertThat(messageId).matches("[0-9a-f]{32}");

        var script = hub().get("/api/v1/prescriptions/" + id + "/script");
        assertThat(script.statusCode()).isEqualTo(200);
        SCHEMAS.validate2023011(script.body());
        assertThat(script.body())
                .contains("<MessageID>" + messageId + "</MessageID>")
                .contains("C48675");

        var v2017 = hub().get("/api/v1/prescriptions/" + id + "/script?version=2017071");
        assertThat(v2017.statusCode()).isEqualTo(200);
        SCHEMAS.validate2017071(v2017.body());

        assertThat(hub().get("/api/v1/prescriptions/" + id + "/script?version=106")
                        .statusCode())
                .isEqualTo(400);
        assertThat(hub().get("/api/v1/prescriptions/6f1c3a9e-0000-4000-8000-000000000000/script")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void refusesAtIntakeAnOrderWithoutObtainableNdc() {
        String rxnormOnlyNoNdc = Fixtures.named("valid", "lisinopril-rxnorm-concept-elderly-dispenser-instruction")
                .envelope()
                .replace("\"314076\"", "\"979485\"");
        int before = jdbc.queryForObject("SELECT count(*) FROM prescription", Integer.class);
        var response = hub().post("/api/v1/prescriptions", "application/json", rxnormOnlyNoNdc);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        var outcome = Fixtures.FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssue())
                .anyMatch(i -> i.getDiagnostics().contains("[ndc-unobtainable]")
                        && i.getExpression().get(0).getValue().startsWith("MedicationRequest.medication"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM prescription", Integer.class))
                .isEqualTo(before);
    }

    @Test
    void refusesAtIntakeAQuantityUnitScriptCannotExpress() {
        String blisterCards = Fixtures.named("valid", "lisinopril-rxnorm-concept-elderly-dispenser-instruction")
                .envelope()
                .replace(
                        "\"system\": \"http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl\",",
                        "\"system\": \"http://example.org/pack-units\",")
                .replace("\"C48542\"", "\"blister-card\"");
        assertThat(blisterCards).contains("blister-card");
        var response = hub().post("/api/v1/prescriptions", "application/json", blisterCards);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.body())
                .contains("quantity-unit-unmapped")
                .contains("MedicationRequest.dispenseRequest.quantity");
    }
}
