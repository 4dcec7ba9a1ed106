package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.Patient;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, SCRIPT intake: a NewRx posted to {@code POST /api/v1/prescriptions/intake} goes through the
 * real routes to the simulator pharmacy as the hub's own NewRx, is answered with SCRIPT Status 000, is
 * idempotent on the sender's MessageID, reads back as FHIR R5, and hostile or odd XML gets the right
 * SCRIPT Error with nothing stored.
 */
class ScriptIntakeIT extends HubIntegrationTest {
    private static final String PATH = "/api/v1/prescriptions/intake";
    private static final String FULL = "lisinopril-2023011-full-ehr.xml";
    private static final String OXYCODONE = "oxycodone-cii-2023011-minimal.xml";
    private static final String V2017 = "metformin-2017071-surescripts-style.xml";
    private static final Duration DELIVERY = Duration.ofSeconds(60);

    @Test
    void deliversAnEhrNewRxToThePharmacyAsTheHubsOwnNewRx() {
        String sent = read(FULL).replace("a3f19c0e5b7d4e2f9a1b6c8d0e2f4a61", "DELIVER-0001");

        var answer = post(sent);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/xml");
        assertThat(answer.body())
                .contains("<Code>000</Code>")
                .contains("<RelatesToMessageID>DELIVER-0001</RelatesToMessageID>")
                .contains("<To Qualifier=\"D\">EPIC-SITE-4471</To>");
        String id = idOf(answer);
        awaitStatus(id, "delivered");

        String newRx = hub().get("/api/v1/prescriptions/" + id + "/script").body();
        assertThat(newRx)
                .contains("<To Qualifier=\"P\">1234563</To>")
                .contains("<From Qualifier=\"D\">")
                .contains("<PrescriberOrderNumber>ORD-88213-1</PrescriberOrderNumber>")
                .contains("<NDC>50090298800</NDC>")
                .contains("<SigText>Take 1 tablet by mouth once daily.</SigText>")
                .doesNotContain("<MessageID>DELIVER-0001</MessageID>")
                .doesNotContain("RelatesToMessageID");
        String hubMessageId = between(newRx, "<MessageID>", "</MessageID>");
        assertThat(hub().get("/simulator/pharmacies/1234563/received").body()).contains(hubMessageId);
        // The SCRIPT text is kept exactly as received on the first event.
        String kept = jdbc.queryForObject(
                "SELECT payload -> 'script' ->> 'text' FROM prescription_event"
                        + " WHERE prescription_id = CAST(? AS uuid) AND version = 1",
                String.class,
                id);
        assertThat(kept).isEqualTo(sent);
    }

    @Test
    void readsAScriptPrescriptionAsFhirR5() {
        var answer = post(read(FULL).replace("a3f19c0e5b7d4e2f9a1b6c8d0e2f4a61", "READ-0001"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);

        var read = hub().get("/fhir/r5/MedicationRequest/" + idOf(answer), "application/fhir+json");

        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        MedicationRequest mr =
                FhirContext.forR5Cached().newJsonParser().parseResource(MedicationRequest.class, read.body());
        assertThat(mr.getIdentifierFirstRep().getValue()).isEqualTo("ORD-88213-1");
        assertThat(mr.getRenderedDosageInstruction()).isEqualTo("Take 1 tablet by mouth once daily.");
        Patient patient = (Patient) mr.getContained().stream()
                .filter(r -> r instanceof Patient)
                .findFirst()
                .orElseThrow();
        assertThat(patient.getNameFirstRep().getFamily()).isEqualTo("DELACROIX");
        assertThat(mr.getDispenseRequest().getDispenser().getReference()).isEqualTo("#pharmacy");
    }

    @Test
    void answersAResendOfTheMessageIdWithTheFirstStatusAndStoresItOnce() {
        String sent = read(FULL).replace("a3f19c0e5b7d4e2f9a1b6c8d0e2f4a61", "RESEND-0001");
        var first = post(sent);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        int events = events(idOf(first));

        var again = post(sent.replace("<SentTime>2026-12-04T15:02:11Z", "<SentTime>2026-12-04T15:03:41Z"));

        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(stored("RESEND-0001")).isEqualTo(1);
        assertThat(events(idOf(first))).isGreaterThanOrEqualTo(events);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM prescription_event WHERE prescription_id = CAST(? AS uuid)"
                                + " AND event_type = 'PrescriptionReceived'",
                        Integer.class,
                        idOf(first)))
                .isEqualTo(1);
    }

    @Test
    void refusesAReusedMessageIdCarryingADifferentPrescription() {
        String sent = read(FULL).replace("a3f19c0e5b7d4e2f9a1b6c8d0e2f4a61", "REUSED-0001");
        assertThat(post(sent).statusCode()).isEqualTo(201);

        var other = post(sent.replace("<Value>90</Value>", "<Value>30</Value>"));

        assertError(other, 409, "900", "220", "/Message/Header/MessageID");
        assertThat(stored("REUSED-0001")).isEqualTo(1);
    }

    @Test
    void convertsA2017071NewRxAndDeliversIt() {
        var answer = post(read(V2017));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        String id = idOf(answer);
        awaitStatus(id, "delivered");
        String newRx = hub().get("/api/v1/prescriptions/" + id + "/script").body();
        assertThat(newRx)
                .contains("<To Qualifier=\"P\">3456786</To>")
                .contains("<NDC>65841002801</NDC>")
                .contains("<LastName>WASHINGTON</LastName>")
                .contains("<Substitutions>1</Substitutions>");
        assertThat(jdbc.queryForObject(
                        "SELECT payload -> 'script' ->> 'version' FROM prescription_event"
                                + " WHERE prescription_id = CAST(? AS uuid) AND version = 1",
                        String.class,
                        id))
                .isEqualTo("2017071");
    }

    @Test
    void appliesTheDeaScheduleRulesOfTheFhirPath() {
        var accepted = post(read(OXYCODONE));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        String newRx =
                hub().get("/api/v1/prescriptions/" + idOf(accepted) + "/script").body();
        assertThat(newRx).contains("<Code>C48675</Code>").contains("<DEANumber>BR2609189</DEANumber>");

        int before = prescriptions();
        var refilled = post(read(OXYCODONE)
                .replace("OXY-20261204-000117", "OXY-REFILLS-1")
                .replace("<NumberOfRefills>0</NumberOfRefills>", "<NumberOfRefills>2</NumberOfRefills>"));
        assertError(refilled, 422, "900", "2000", "/Message/Body/NewRx/MedicationPrescribed/NumberOfRefills");

        var noDea = post(read(OXYCODONE)
                .replace("OXY-20261204-000117", "OXY-NO-DEA-1")
                .replace("<DEANumber>BR2609189</DEANumber>", ""));
        assertError(noDea, 422, "900", "2000", "/Message/Body/NewRx/Prescriber/NonVeterinarian/Identification");

        var understated = post(read(OXYCODONE)
                .replace("OXY-20261204-000117", "OXY-SCHEDULE-V")
                .replace("<Code>C48675</Code>", "<Code>C48679</Code>"));
        assertError(
                understated,
                422,
                "900",
                "2000",
                "/Message/Body/NewRx/MedicationPrescribed/Product/DrugCoded/DEASchedule");
        assertThat(prescriptions()).isEqualTo(before);
    }

    @Test
    void refusesHostileAndOddXmlWithTheRightErrorAndStoresNothing() {
        int before = prescriptions();
        String full = read(FULL);

        assertError(post(HostileXml.XXE), 400, "900", "500", "/");
        assertError(post(HostileXml.BILLION_LAUGHS), 400, "900", "500", "/");
        assertError(post("<Message><Header>"), 400, "900", "500", "/");
        assertError(post(HostileXml.SCRIPT_10_6), 400, "900", "3000", "/Message");
        assertError(post("<NewRx>" + between(full, "<NewRx>", "</NewRx>") + "</NewRx>"), 400, "900", "3000", "/NewRx");
        assertError(post(HostileXml.STATUS), 422, "900", "4040", "/Message/Body/Status");
        assertError(
                post(full.replace("<NCPDPID>1234563</NCPDPID>", "<NCPDPID>7654321</NCPDPID>")),
                422,
                "900",
                "1000",
                "/Message/Body/NewRx/Pharmacy/Identification/NCPDPID");
        assertError(
                post(full.replace("<Number>5125550143</Number>", "<Number>512-555-0143</Number>")),
                422,
                "900",
                "3000",
                "/Message/Body/NewRx/Patient/HumanPatient/CommunicationNumbers/PrimaryTelephone/Number");
        assertError(
                post(full.replace("<Diagnosis>", "<Diagnosis><Unexpected>1</Unexpected>")),
                422,
                "900",
                "3000",
                "/Message/Body/NewRx/MedicationPrescribed/Diagnosis/Unexpected");
        assertError(
                post(read(V2017)
                        .replace(
                                "<ProductCode>\n            <Code>65841002801</Code>\n            <Qualifier>ND</Qualifier>\n          </ProductCode>",
                                "")),
                422,
                "900",
                "3000",
                "/Message/Body/NewRx/MedicationPrescribed/DrugCoded/ProductCode");
        var json = hub().post(PATH, "application/json", "{\"resourceType\":\"MedicationRequest\"}");
        assertThat(json.statusCode()).as(json.body()).isEqualTo(415);
        assertThat(json.body()).contains("<Error>");
        var noKey = HttpClient.newHttpClient();
        var anonymous = send(
                noKey,
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PATH))
                        .header("Content-Type", "application/xml")
                        .POST(HttpRequest.BodyPublishers.ofString(full))
                        .build());
        assertThat(anonymous.statusCode()).isEqualTo(401);

        assertThat(prescriptions()).isEqualTo(before);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM intake_rejection WHERE rule IN ('malformed-input', 'script-root',"
                                + " 'script-transaction-unsupported', 'pharmacy-not-in-directory', 'script-schema')",
                        Integer.class))
                .isGreaterThanOrEqualTo(9);
    }

    private void assertError(HttpResponse<String> r, int status, String code, String descriptionCode, String xpath) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.body())
                .as(r.body())
                .contains("<Error>")
                .contains("<Code>" + code + "</Code>")
                .contains("<DescriptionCode>" + descriptionCode + "</DescriptionCode>")
                .contains("<Description>" + xpath + "</Description>");
    }

    private HttpResponse<String> post(String xml) {
        return hub().post(PATH, "application/xml", xml);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String idOf(HttpResponse<String> answer) {
        return answer.headers().firstValue("Location").orElseThrow().substring("/api/v1/prescriptions/".length());
    }

    private void awaitStatus(String id, String status) {
        await().atMost(DELIVERY)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> status.equals(jdbc.queryForObject(
                        "SELECT status FROM prescription WHERE id = CAST(? AS uuid)", String.class, id)));
    }

    private int prescriptions() {
        return jdbc.queryForObject("SELECT count(*) FROM prescription", Integer.class);
    }

    private int stored(String messageId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM prescription WHERE idempotency_key LIKE ?",
                Integer.class,
                "script:%:" + messageId);
    }

    private int events(String id) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM prescription_event WHERE prescription_id = CAST(? AS uuid)", Integer.class, id);
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }

    static String read(String name) {
        try (var in = ScriptIntakeIT.class.getResourceAsStream("/fixtures/script-intake/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
    }

    /** Hostile and odd SCRIPT bodies, written the way attackers and old senders write them. */
    private static final class HostileXml {
        static final String XXE =
                """
                <?xml version="1.0"?>
                <!DOCTYPE Message [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <Message><Header><MessageID>&xxe;</MessageID></Header><Body><NewRx/></Body></Message>
                """;
        static final String BILLION_LAUGHS =
                """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
                <Message><Header><MessageID>&lol3;</MessageID></Header></Message>
                """;
        /** The retired SCRIPT 10.6 form: namespace plus version/release attributes. */
        static final String SCRIPT_10_6 =
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <Message xmlns="http://www.ncpdp.org/schema/SCRIPT" version="010" release="006">
                  <Header><To Qualifier="P">1234563</To><From Qualifier="D">OLD-EHR</From><MessageID>OLD-1</MessageID>
                  <SentTime>2026-12-04T10:00:00Z</SentTime></Header><Body><NewRx/></Body></Message>
                """;

        static final String STATUS =
                """
                <Message DatatypesVersion="20230116" TransportVersion="20230116" TransactionDomain="SCRIPT" TransactionVersion="20230116" StructuresVersion="20230116" ECLVersion="20230116">
                  <Header><To Qualifier="P">1234563</To><From Qualifier="D">EPIC-SITE-4471</From><MessageID>STATUS-1</MessageID>
                  <RelatesToMessageID>X-1</RelatesToMessageID><SentTime>2026-12-04T10:00:00Z</SentTime>
                  <SenderSoftware><SenderSoftwareDeveloper>A</SenderSoftwareDeveloper><SenderSoftwareProduct>B</SenderSoftwareProduct><SenderSoftwareVersionRelease>1</SenderSoftwareVersionRelease></SenderSoftware></Header>
                  <Body><Status><Code>000</Code></Status></Body></Message>
                """;
    }
}
