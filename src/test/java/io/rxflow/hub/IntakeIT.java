package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Prescriptions the team wrote go in through every accepted shape and come back out of every read. */
class IntakeIT extends HubIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The five ways an EHR can send the same prescription. */
    enum Shape {
        ENVELOPE,
        CONTAINED_JSON,
        CONTAINED_XML,
        TRANSACTION_JSON,
        TRANSACTION_XML
    }

    @Test
    void acceptsEveryFixtureAndRecognisesItAgainInAnotherShape() throws Exception {
        List<Fixtures.Fixture> fixtures = Fixtures.all("valid");
        assertThat(fixtures).hasSizeGreaterThanOrEqualTo(20);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < fixtures.size(); i++) {
            Fixtures.Fixture f = fixtures.get(i);
            Shape first = Shape.values()[i % 5];
            String id = submit(f, first, 201);
            assertThat(ids.add(id)).as("distinct id for %s", f.name()).isTrue();
            assertStored(id, f);
            Shape again = Shape.values()[(i + 2) % 5];
            assertThat(submit(f, again, 200))
                    .as("%s resent as %s", f.name(), again)
                    .isEqualTo(id);
        }
        for (String id : ids) {
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM prescription_event WHERE prescription_id = CAST(? AS uuid)"
                                    + " AND event_type = 'PrescriptionReceived'",
                            Integer.class,
                            id))
                    .as("intake events of %s, after a resend", id)
                    .isEqualTo(1);
        }
    }

    @Test
    void answersTransactionWithOneResponseEntryPerRequestEntry() {
        var f = Fixtures.named("valid", "lisinopril-daily-envelope");
        String bundle = Fixtures.transaction(f, false).replace("ORD-2026-000117", "ORD-TX-RESPONSE-1");
        var response = hub().post("/fhir/r5", "application/fhir+json", bundle);
        assertThat(response.statusCode()).isEqualTo(200);
        Bundle answer = Fixtures.FHIR.newJsonParser().parseResource(Bundle.class, response.body());
        assertThat(answer.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
        assertThat(answer.getEntry()).hasSize(5);
        var mrEntry = answer.getEntry().get(4).getResponse();
        assertThat(mrEntry.getStatus()).isEqualTo("201 Created");
        assertThat(mrEntry.getLocation()).matches("MedicationRequest/[0-9a-f-]{36}/_history/[34]");
        assertThat(answer.getEntry().get(0).getResponse().getStatus()).isEqualTo("200 OK");
    }

    @Test
    void keepsTheEventStreamAppendOnly() {
        var f = Fixtures.named("valid", "lisinopril-daily-envelope");
        String envelope = f.envelope().replace("ORD-2026-000117", "ORD-APPEND-ONLY-1");
        var created = hub().post("/api/v1/prescriptions", "application/json", envelope);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThatThrownBy(() -> jdbc.update("UPDATE prescription_event SET actor = 'someone else'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM prescription_event")).hasMessageContaining("append-only");
    }

    @Test
    void storesThePrescriptionsLargeValuesCompressedWithLz4() throws Exception {
        Assumptions.assumeTrue(
                jdbc.queryForObject(
                        "SELECT 'lz4' = ANY (enumvals) FROM pg_settings WHERE name = 'default_toast_compression'",
                        Boolean.class),
                "this PostgreSQL server has no LZ4 (V65 keeps pglz there)");
        var f = Fixtures.named("valid", "lisinopril-daily-envelope");
        var created = hub().post(
                        "/api/v1/prescriptions",
                        "application/json",
                        f.envelope().replace("ORD-2026-000117", "ORD-LZ4-1"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();

        assertThat(jdbc.queryForObject(
                        "SELECT pg_column_compression(medication_request) FROM prescription WHERE id = CAST(? AS uuid)",
                        String.class,
                        id))
                .as("the stored MedicationRequest")
                .isEqualTo("lz4");
        assertThat(jdbc.queryForObject(
                        "SELECT pg_column_compression(payload) FROM prescription_event"
                                + " WHERE prescription_id = CAST(? AS uuid) AND event_type = 'NewRxPrepared'",
                        String.class,
                        id))
                .as("the NewRxPrepared event")
                .isEqualTo("lz4");
        assertThat(jdbc.queryForObject(
                        "SELECT pg_column_compression(payload) FROM outbox WHERE aggregate_id = CAST(? AS uuid)",
                        String.class,
                        id))
                .as("the NewRx in the outbox")
                .isEqualTo("lz4");

        // Every month's partition of the event store, and one created after the migration.
        jdbc.queryForObject("SELECT rxflow_event_partition_create(DATE '2031-01-01')", String.class);
        assertThat(jdbc.queryForList(
                        "SELECT CAST(c.relname AS text) || ' ' || CAST(a.attcompression AS text) FROM pg_inherits i"
                                + " JOIN pg_class c ON c.oid = i.inhrelid"
                                + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'payload'"
                                + " WHERE i.inhparent = CAST('prescription_event' AS regclass)",
                        String.class))
                .contains("prescription_event_2031_01 l", "prescription_event_other l")
                .allMatch(partition -> partition.endsWith(" l"));
    }

    private String submit(Fixtures.Fixture f, Shape shape, int expectedStatus) throws Exception {
        HttpResponse<String> response =
                switch (shape) {
                    case ENVELOPE -> hub().post("/api/v1/prescriptions", "application/json", f.envelope());
                    case CONTAINED_JSON -> hub().post(
                                    "/fhir/r5/MedicationRequest",
                                    "application/fhir+json",
                                    Fixtures.contained(f, false));
                    case CONTAINED_XML -> hub().post(
                                    "/fhir/r5/MedicationRequest", "application/fhir+xml", Fixtures.contained(f, true));
                    case TRANSACTION_JSON -> hub().post(
                                    "/fhir/r5", "application/fhir+json", Fixtures.transaction(f, false));
                    case TRANSACTION_XML -> hub().post(
                                    "/fhir/r5", "application/fhir+xml", Fixtures.transaction(f, true));
                };
        assertThat(response.statusCode())
                .as("%s as %s: %s", f.name(), shape, response.body())
                .isEqualTo(shape.name().startsWith("TRANSACTION") ? 200 : expectedStatus);
        return switch (shape) {
            case ENVELOPE -> {
                JsonNode body = JSON.readTree(response.body());
                assertThat(response.headers().firstValue("Location"))
                        .hasValue("/api/v1/prescriptions/" + body.get("id").asText());
                assertThat(body.get("idempotency_key").asText())
                        .startsWith("hmac:")
                        // The first name with a family: a fixture may lead with a nickname (use usual, given only).
                        .doesNotContain(f.part("patient", org.hl7.fhir.r5.model.Patient.class).getName().stream()
                                .filter(org.hl7.fhir.r5.model.HumanName::hasFamily)
                                .findFirst()
                                .orElseThrow()
                                .getFamily());
                yield body.get("id").asText();
            }
            case CONTAINED_JSON, CONTAINED_XML -> {
                var parser =
                        shape == Shape.CONTAINED_XML ? Fixtures.FHIR.newXmlParser() : Fixtures.FHIR.newJsonParser();
                MedicationRequest mr = parser.parseResource(MedicationRequest.class, response.body());
                assertThat(response.headers().firstValue("Location").orElseThrow())
                        .startsWith("/fhir/r5/MedicationRequest/"
                                + mr.getIdElement().getIdPart());
                yield mr.getIdElement().getIdPart();
            }
            case TRANSACTION_JSON, TRANSACTION_XML -> {
                var parser =
                        shape == Shape.TRANSACTION_XML ? Fixtures.FHIR.newXmlParser() : Fixtures.FHIR.newJsonParser();
                Bundle answer = parser.parseResource(Bundle.class, response.body());
                var mrEntry = answer.getEntry().stream()
                        .map(Bundle.BundleEntryComponent::getResponse)
                        .filter(r -> r.hasLocation())
                        .findFirst()
                        .orElseThrow();
                assertThat(mrEntry.getStatus()).isEqualTo(expectedStatus == 201 ? "201 Created" : "200 OK");
                yield mrEntry.getLocation().split("/")[1];
            }
        };
    }

    private void assertStored(String id, Fixtures.Fixture f) throws Exception {
        var summary = hub().get("/api/v1/prescriptions/" + id);
        assertThat(summary.statusCode()).isEqualTo(200);
        JsonNode s = JSON.readTree(summary.body());
        // Delivery runs on its own: the prescription may already be on its way.
        assertThat(s.get("status").asText()).isIn("prepared", "routing_failed", "delivered", "rejected_by_pharmacy");
        assertThat(s.get("version").asInt()).isGreaterThanOrEqualTo(3);
        String ncpdp = f.part("pharmacy", org.hl7.fhir.r5.model.Organization.class).getIdentifier().stream()
                .filter(i -> i.getSystem().endsWith("NCPDPProviderIdentificationNumber"))
                .findFirst()
                .orElseThrow()
                .getValue();
        assertThat(s.get("pharmacy_ncpdp_id").asText()).isEqualTo(ncpdp);

        JsonNode events = JSON.readTree(
                        hub().get("/api/v1/prescriptions/" + id + "/events").body())
                .get("events");
        assertThat(events.size()).isGreaterThanOrEqualTo(3);
        assertThat(events.get(0).get("type").asText()).isEqualTo("PrescriptionReceived");
        assertThat(events.get(0).get("actor").asText()).startsWith("key-");
        assertThat(events.get(0)
                        .at("/payload/resources/medication_request/resourceType")
                        .asText())
                .isEqualTo("MedicationRequest");
        assertThat(events.get(1).get("type").asText()).isEqualTo("PrescriptionValidated");
        assertThat(events.get(2).get("type").asText()).isEqualTo("NewRxPrepared");
        assertThat(events.get(2).at("/payload/xml").asText()).contains("<NewRx>");

        var xml = hub().get("/fhir/r5/MedicationRequest/" + id, "application/fhir+xml");
        assertThat(xml.statusCode()).isEqualTo(200);
        MedicationRequest mr = Fixtures.FHIR.newXmlParser().parseResource(MedicationRequest.class, xml.body());
        assertThat(mr.getIdElement().getIdPart()).isEqualTo(id);
        assertThat(mr.getContained()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(mr.getMeta().getTag()).anyMatch(t -> t.getSystem().endsWith("prescription-status"));
        assertThat(mr.getIdentifierFirstRep().getValue())
                .isEqualTo(f.medicationRequest().getIdentifierFirstRep().getValue());
    }
}
