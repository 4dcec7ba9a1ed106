package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rxflow.hub.drugs.DrugResolver;
import io.rxflow.hub.script.ScriptSchemas;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/** A controlled drug no product table lists still leaves scheduled, through the real intake routes. */
class ControlledSubstanceIT extends HubIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ScriptSchemas SCHEMAS = ScriptSchemas.load(null);

    /** The CII oxycodone fixture turned into hydrocodone/APAP with an NDC that is in no table. */
    private static ObjectNode hydrocodoneWithUnlistedNdc(String orderNumber) throws Exception {
        var envelope = (ObjectNode) JSON.readTree(Fixtures.named("valid", "oxycodone-cii-ndc-prn-dose-range-no-refills")
                .envelope()
                .replace("RX-2026-001151", orderNumber));
        var code = (ObjectNode) envelope.at("/medication/code");
        code.put("text", "Hydrocodone bitartrate 5 mg / acetaminophen 325 mg oral tablet");
        code.putArray("coding")
                .addObject()
                .put("system", "http://hl7.org/fhir/sid/ndc")
                .put("code", "0591-0385-01")
                .put("display", "Hydrocodone Bitartrate and Acetaminophen Tablets USP 5 mg/325 mg");
        return envelope;
    }

    @Test
    void sendsHydrocodoneAcetaminophenWithAnUnlistedNdcAsScheduleII() throws Exception {
        var created = hub().post(
                        "/api/v1/prescriptions",
                        "application/json",
                        hydrocodoneWithUnlistedNdc("RX-DEA-IT-1").toString());

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).get("is_controlled").asBoolean())
                .isTrue();
        String id = JSON.readTree(created.body()).get("id").asText();
        var script = hub().get("/api/v1/prescriptions/" + id + "/script");
        assertThat(script.statusCode()).isEqualTo(200);
        SCHEMAS.validate2023011(script.body());
        assertThat(script.body())
                .contains("<NDC>00591038501</NDC>")
                .containsPattern("<DEASchedule>\\s*<Code>C48675</Code>\\s*</DEASchedule>");
    }

    @Test
    void refusesADeclaredScheduleTheSubstanceTableContradicts() throws Exception {
        var envelope = hydrocodoneWithUnlistedNdc("RX-DEA-IT-2");
        ((ObjectNode) envelope.get("medication"))
                .putArray("extension")
                .addObject()
                .put("url", DrugResolver.DEA_SCHEDULE_EXTENSION)
                .putObject("valueCoding")
                .put("system", "http://terminology.hl7.org/CodeSystem/v2-0477")
                .put("code", "IV");
        int before = jdbc.queryForObject("SELECT count(*) FROM prescription", Integer.class);

        var response = hub().post("/api/v1/prescriptions", "application/json", envelope.toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        var outcome = Fixtures.FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssue()).anySatisfy(i -> {
            assertThat(i.getExpression().get(0).getValue())
                    .isEqualTo("Medication.extension('" + DrugResolver.DEA_SCHEDULE_EXTENSION + "')");
            assertThat(i.getDiagnostics())
                    .contains("[dea-schedule-conflict]")
                    .contains("CIV (C48677)")
                    .contains("CII (C48675)");
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM prescription", Integer.class))
                .isEqualTo(before);
    }
}
