package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/** Every way a request can be refused: the status, the OperationOutcome, the audit, and nothing stored. */
class RejectionIT extends HubIntegrationTest {

    @Test
    void refusesEachInvalidFixtureWithItsRuleAndElement() {
        List<Fixtures.Fixture> invalid = Fixtures.all("invalid");
        assertThat(invalid).isNotEmpty();
        for (Fixtures.Fixture f : invalid) {
            String rule = f.name().split("--")[0];
            int before = prescriptions();
            var response = hub().post(
                            "/api/v1/prescriptions",
                            "application/json",
                            f.envelope(),
                            Map.of("X-Correlation-ID", "reject-" + f.name()));
            assertThat(response.statusCode())
                    .as(f.name() + ": " + response.body())
                    .isEqualTo(422);
            OperationOutcome outcome = outcome(response.body());
            assertThat(outcome.getIssue())
                    .as(f.name())
                    .anyMatch(i -> i.getDiagnostics().contains("[" + rule + "]") && i.hasExpression());
            assertThat(prescriptions()).as("nothing stored for %s", f.name()).isEqualTo(before);
            List<Map<String, Object>> audit = jdbc.queryForList(
                    "SELECT rule, expression, http_status, actor FROM intake_rejection WHERE correlation_id = ?",
                    "reject-" + f.name());
            assertThat(audit).as("audit of %s", f.name()).anyMatch(row -> rule.equals(row.get("rule")));
            assertThat(audit).allMatch(row -> ((String) row.get("actor")).startsWith("key-"));
        }
    }

    /** 1e999999 once held a request thread for minutes; now each shape answers 422 naming the element. */
    @Test
    void refusesAbsurdNumbersInEveryShapeNamingTheElement() {
        var f = Fixtures.named("valid", "lisinopril-daily-envelope");
        String quantity = "MedicationRequest.dispenseRequest.quantity.value";
        String envelope = f.envelope()
                .replaceFirst(
                        "\"quantity\"\\s*:\\s*\\{\\s*\"value\"\\s*:\\s*[0-9.]+", "\"quantity\":{\"value\":1e999999");
        String json =
                Fixtures.contained(f, false).replaceFirst("(\"quantity\":\\{\"value\":)[0-9.]+", "$1" + "1e999999");
        String xml = Fixtures.contained(f, true).replaceFirst("(<quantity><value value=\")[0-9.]+", "$1" + "1e999999");
        String longXml = Fixtures.contained(f, true)
                .replaceFirst("(<quantity><value value=\")[0-9.]+", "$1" + "9".repeat(900_000));
        String bundle =
                Fixtures.transaction(f, false).replaceFirst("(\"quantity\":\\{\"value\":)[0-9.]+", "$1" + "1e-999999");
        int before = prescriptions();

        for (var call : List.of(
                List.of("/api/v1/prescriptions", "application/json", envelope, quantity),
                List.of("/api/v1/script/preview", "application/json", envelope, quantity),
                List.of("/fhir/r5/MedicationRequest", "application/fhir+json", json, quantity),
                List.of("/fhir/r5/MedicationRequest", "application/fhir+xml", xml, quantity),
                List.of("/fhir/r5/MedicationRequest", "application/fhir+xml", longXml, "MedicationRequest"),
                List.of(
                        "/fhir/r5",
                        "application/fhir+json",
                        bundle,
                        "Bundle.entry[4].resource.dispenseRequest.quantity.value"))) {
            var response = hub().post(call.get(0), call.get(1), call.get(2));
            assertThat(response.statusCode())
                    .as(call.get(0) + " " + call.get(1))
                    .isEqualTo(422);
            boolean xmlAnswer =
                    response.headers().firstValue("Content-Type").orElse("").contains("xml");
            var issue = (xmlAnswer ? Fixtures.FHIR.newXmlParser() : Fixtures.FHIR.newJsonParser())
                    .parseResource(OperationOutcome.class, response.body())
                    .getIssueFirstRep();
            assertThat(issue.getDiagnostics()).contains("[decimal-out-of-range]");
            assertThat(issue.getExpression().get(0).getValue()).isEqualTo(call.get(3));
        }
        assertThat(prescriptions()).isEqualTo(before);
    }

    @Test
    void refusesMalformedJsonWithItsPosition() {
        var response = hub().post("/api/v1/prescriptions", "application/json", "{\"medication_request\": {");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(outcome(response.body()).getIssueFirstRep().getDiagnostics()).contains("line 1");
    }

    @Test
    void refusesEnvelopeWithoutPatient() {
        String envelope = Fixtures.named("valid", "lisinopril-daily-envelope")
                .envelope()
                .replace("\"patient\":", "\"patient_x\":");
        var response = hub().post("/api/v1/prescriptions", "application/json", envelope);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(outcome(response.body())
                        .getIssueFirstRep()
                        .getExpression()
                        .get(0)
                        .getValue())
                .isEqualTo("patient");
    }

    @Test
    void refusesFhirR4ResourceNamingTheUnknownElement() {
        String r4 =
                """
                {"resourceType":"MedicationRequest","status":"active","intent":"order",
                 "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"314076"}]},
                 "subject":{"reference":"#p"}}""";
        var response = hub().post("/fhir/r5/MedicationRequest", "application/fhir+json", r4);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(outcome(response.body()).getIssueFirstRep().getDiagnostics()).contains("medicationCodeableConcept");
    }

    @Test
    void refusesDeclaredFhirVersion4() {
        String contained = Fixtures.contained(Fixtures.named("valid", "lisinopril-daily-envelope"), false);
        var response = hub().post("/fhir/r5/MedicationRequest", "application/fhir+json; fhirVersion=4.0", contained);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(outcome(response.body()).getIssueFirstRep().getDiagnostics()).contains("FHIR R5");
    }

    @Test
    void refusesUnsupportedContentTypeWith415() {
        var response = hub().post("/fhir/r5/MedicationRequest", "text/plain", "hello");
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(outcome(response.body()).getIssueFirstRep().getCode())
                .isEqualTo(OperationOutcome.IssueType.NOTSUPPORTED);
        assertThat(hub().post("/api/v1/prescriptions", "application/xml", "<x/>")
                        .statusCode())
                .isEqualTo(415);
    }

    @Test
    void refusesBodiesOverTheLimitWith413() {
        String big = "{\"pad\":\"" + "x".repeat(1_100_000) + "\"}";
        var response = hub().post("/api/v1/prescriptions", "application/json", big);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(outcome(response.body()).getIssueFirstRep().getCode())
                .isEqualTo(OperationOutcome.IssueType.TOOCOSTLY);
    }

    @Test
    void refusesCallsWithoutAValidApiKey() {
        var anonymous = new HubClient("http://127.0.0.1:" + port, null);
        var wrong = new HubClient("http://127.0.0.1:" + port, "not-a-key");
        for (HubClient client : List.of(anonymous, wrong)) {
            var post = client.post("/api/v1/prescriptions", "application/json", "{}");
            assertThat(post.statusCode()).isEqualTo(401);
            assertThat(outcome(post.body()).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.LOGIN);
            assertThat(client.get("/fhir/r5/metadata").statusCode()).isEqualTo(401);
            assertThat(client.get("/api/v1/prescriptions/00000000-0000-0000-0000-000000000000")
                            .statusCode())
                    .isEqualTo(401);
        }
        var second = new HubClient("http://127.0.0.1:" + port, "it-key-two");
        assertThat(second.get("/fhir/r5/metadata").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesXmlWithExternalEntityOrEntityExpansion() {
        String xxe =
                """
                <?xml version="1.0"?>
                <!DOCTYPE MedicationRequest [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <MedicationRequest xmlns="http://hl7.org/fhir"><status value="&xxe;"/></MedicationRequest>""";
        String laughs =
                """
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
                <Bundle xmlns="http://hl7.org/fhir"><type value="&lol2;"/></Bundle>""";
        for (var call : List.of(Map.entry("/fhir/r5/MedicationRequest", xxe), Map.entry("/fhir/r5", laughs))) {
            var response = hub().post(call.getKey(), "application/fhir+xml", call.getValue());
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).doesNotContain("root:");
            assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/fhir+xml");
            var outcome = Fixtures.FHIR.newXmlParser().parseResource(OperationOutcome.class, response.body());
            assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("DOCTYPE");
        }
    }

    @Test
    void refusesBundleThatIsNotATransaction() {
        String bundle = Fixtures.transaction(Fixtures.named("valid", "lisinopril-daily-envelope"), false)
                .replace("\"transaction\"", "\"collection\"");
        var response = hub().post("/fhir/r5", "application/fhir+json", bundle);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(outcome(response.body())
                        .getIssueFirstRep()
                        .getExpression()
                        .get(0)
                        .getValue())
                .isEqualTo("Bundle.type");
    }

    @Test
    void refusesContainedReferenceThatWasNotSent() {
        String contained = Fixtures.contained(Fixtures.named("valid", "lisinopril-daily-envelope"), false)
                .replace("\"#pat\"", "\"Patient/elsewhere\"");
        var response = hub().post("/fhir/r5/MedicationRequest", "application/fhir+json", contained);
        assertThat(response.statusCode()).isEqualTo(422);
        var issue = outcome(response.body()).getIssueFirstRep();
        assertThat(issue.getExpression().get(0).getValue()).isEqualTo("MedicationRequest.subject.reference");
        assertThat(issue.getDiagnostics()).contains("'Patient/elsewhere'").endsWith("[reference-unresolved]");
    }

    @Test
    void answersUnknownIdsWith404() {
        for (String path : List.of(
                "/api/v1/prescriptions/7b0d6a2e-2a7f-4a43-9d54-111111111111",
                "/api/v1/prescriptions/7b0d6a2e-2a7f-4a43-9d54-111111111111/events",
                "/fhir/r5/MedicationRequest/7b0d6a2e-2a7f-4a43-9d54-111111111111",
                "/fhir/r5/MedicationRequest/not-a-uuid")) {
            var response = hub().get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(outcome(response.body()).getIssueFirstRep().getCode())
                    .isEqualTo(OperationOutcome.IssueType.NOTFOUND);
        }
    }

    @Test
    void answersUnknownPathsAndMethodsWithAnOperationOutcome() {
        for (String path : List.of("/api/v1/nothing-here", "/fhir/r5/Patient/1", "/api/v2/prescriptions")) {
            var response = hub().get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(outcome(response.body()).getIssueFirstRep().getCode())
                    .isEqualTo(OperationOutcome.IssueType.NOTFOUND);
        }
        for (String method : List.of("PUT", "PATCH", "DELETE")) {
            var request = hub().request("/api/v1/prescriptions")
                    .header("Content-Type", "application/json")
                    .method(method, java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                    .build();
            var response = hub().send(request);
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/fhir+json");
            assertThat(outcome(response.body()).getIssue()).as(method).hasSize(1);
        }
    }

    @Test
    void answersErrorsInXmlWhenTheFhirClientAsksForXml() {
        var request = hub().request("/fhir/r5/MedicationRequest/not-a-uuid")
                .header("Accept", "application/fhir+xml")
                .GET()
                .build();
        var response = hub().send(request);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/fhir+xml");
        assertThat(Fixtures.FHIR
                        .newXmlParser()
                        .parseResource(OperationOutcome.class, response.body())
                        .getIssue())
                .hasSize(1);
    }

    private int prescriptions() {
        return jdbc.queryForObject("SELECT count(*) FROM prescription", Integer.class);
    }

    private static OperationOutcome outcome(String body) {
        return Fixtures.FHIR.newJsonParser().parseResource(OperationOutcome.class, body);
    }
}
