package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.IdType;
import org.hl7.fhir.r5.model.Medication;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.hl7.fhir.r5.model.Organization;
import org.hl7.fhir.r5.model.Patient;
import org.hl7.fhir.r5.model.Practitioner;
import org.hl7.fhir.r5.model.Reference;
import org.hl7.fhir.r5.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Issue 10: prescriptions written the way EHRs and HL7 write them (contained Medication, HAPI-renamed
 * contained ids, absolute fullUrls, PractitionerRole, medication.concept alone) go in through every
 * shape and their drug comes out in the NewRx; a reference to nothing is a 422 naming it.
 */
class ReferenceResolutionIT extends HubIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AMLODIPINE = "00093315805";
    private static final String ATORVASTATIN = "68180063709";

    /** Each valid fixture that is not a plain envelope, with the NDC its NewRx must carry. */
    private static final Map<String, String> DRUG_OF = Map.of(
            "contained-medication-envelope.json", AMLODIPINE,
            "create/hl7-contained-medication.json", AMLODIPINE,
            "create/hl7-contained-medication.xml", ATORVASTATIN,
            "create/practitioner-role-requester.json", AMLODIPINE,
            // RxNorm 314076 alone: the drug table's NDC for it.
            "create/medication-concept-only.json", "50090298800",
            "transaction/absolute-fullurls-contained-medication.json", AMLODIPINE,
            "transaction/hapi-client-contained-medication.json", AMLODIPINE,
            "transaction/hapi-client-contained-medication.xml", AMLODIPINE,
            "transaction/urn-uuid-entries-contained-medication-and-prescriber.xml", ATORVASTATIN);

    @Test
    void acceptsEachShapeAndSendsItsDrug() {
        List<String> shaped =
                resources("valid/create/*").stream().map(r -> "create/" + r).toList();
        List<String> transactions = resources("valid/transaction/*").stream()
                .map(r -> "transaction/" + r)
                .toList();
        assertThat(DRUG_OF.keySet()).containsAll(shaped).containsAll(transactions);
        for (var fixture : DRUG_OF.entrySet()) {
            // IntakeIT sends the envelope fixtures as they are: another order number keeps this one new.
            String body = read("valid/" + fixture.getKey()).replace("ORD-2026-REFS-", "ORD-2026-REFS-IT-");
            String id = submit(fixture.getKey(), body);
            assertThat(newRx(id)).as(fixture.getKey()).contains("<NDC>" + fixture.getValue() + "</NDC>");
        }
    }

    @Test
    void refusesEachDanglingReferenceWith422NamingIt() {
        for (String folder : List.of("create", "transaction")) {
            for (String name : resources("invalid/" + folder + "/*")) {
                String rule = name.replaceAll("\\.(json|xml)$", "").split("--")[0];
                String path = folder.equals("create") ? "/fhir/r5/MedicationRequest" : "/fhir/r5";
                var response = hub().post(path, contentType(name), read("invalid/" + folder + "/" + name));
                assertThat(response.statusCode())
                        .as(name + ": " + response.body())
                        .isEqualTo(422);
                var parser = name.endsWith(".xml") ? Fixtures.FHIR.newXmlParser() : Fixtures.FHIR.newJsonParser();
                var issue = parser.parseResource(OperationOutcome.class, response.body())
                        .getIssueFirstRep();
                assertThat(issue.getDiagnostics()).as(name).endsWith("[" + rule + "]");
                assertThat(issue.getExpression()).as(name).isNotEmpty();
                if (rule.startsWith("reference-")) {
                    assertThat(issue.getExpression().get(0).getValue()).startsWith("MedicationRequest.");
                    assertThat(issue.getDiagnostics()).contains("refers to");
                }
            }
        }
    }

    /** A stock HAPI client, building its order the HAPI way: resources referenced as objects, ids made up by HAPI. */
    @ParameterizedTest
    @EnumSource(
            value = EncodingEnum.class,
            names = {"JSON", "XML"})
    void acceptsHapiClientOrdersWithTheMedicationContainedByHapi(EncodingEnum encoding) {
        IGenericClient client = client(encoding);
        var f = Fixtures.named("valid", "amlodipine-ndc-4-4-2-text-only-sig");

        MedicationRequest created = order(f, "ORD-HAPI-CREATE-" + encoding);
        created.setSubject(new Reference(withoutId(f.part("patient", Patient.class))));
        created.setRequester(new Reference(withoutId(f.part("practitioner", Practitioner.class))));
        created.getDispenseRequest().setDispenser(new Reference(withoutId(f.part("pharmacy", Organization.class))));
        String createdId = client.create().resource(created).execute().getId().getIdPart();
        assertThat(newRx(createdId)).contains("<NDC>" + AMLODIPINE + "</NDC>");

        MedicationRequest inBundle = order(f, "ORD-HAPI-TX-" + encoding);
        var bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        inBundle.setSubject(entry(bundle, f.part("patient", Patient.class)));
        inBundle.setRequester(entry(bundle, f.part("practitioner", Practitioner.class)));
        inBundle.getDispenseRequest().setDispenser(entry(bundle, f.part("pharmacy", Organization.class)));
        bundle.addEntry()
                .setResource(inBundle)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("MedicationRequest");
        Bundle answer = client.transaction().withBundle(bundle).execute();
        String location = answer.getEntry().stream()
                .map(e -> e.getResponse())
                .filter(r -> "201 Created".equals(r.getStatus()))
                .findFirst()
                .orElseThrow()
                .getLocation();
        assertThat(newRx(location.split("/")[1])).contains("<NDC>" + AMLODIPINE + "</NDC>");
    }

    private static MedicationRequest order(Fixtures.Fixture f, String orderNumber) {
        MedicationRequest mr = f.medicationRequest();
        mr.setId((String) null);
        mr.getIdentifierFirstRep().setValue(orderNumber);
        // Not added to contained: HAPI's encoder contains it and makes up its id.
        mr.getMedication().setReference(new Reference(withoutId(f.part("medication", Medication.class))));
        return mr;
    }

    /** A resource without an id, which HAPI's encoder contains where it is referenced. */
    private static <T extends Resource> T withoutId(T r) {
        r.setId((String) null);
        return r;
    }

    private static Reference entry(Bundle bundle, Resource r) {
        r.setId(IdType.newRandomUuid());
        bundle.addEntry()
                .setFullUrl(r.getIdElement().getValue())
                .setResource(r)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl(r.fhirType());
        return new Reference(r);
    }

    private String submit(String name, String body) {
        HttpResponse<String> response;
        if (name.startsWith("create/")) {
            response = hub().post("/fhir/r5/MedicationRequest", contentType(name), body);
            assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(201);
            return response.headers().firstValue("Location").orElseThrow().split("/")[4];
        }
        if (name.startsWith("transaction/")) {
            response = hub().post("/fhir/r5", contentType(name), body);
            assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(200);
            var parser = name.endsWith(".xml") ? Fixtures.FHIR.newXmlParser() : Fixtures.FHIR.newJsonParser();
            return parser.parseResource(Bundle.class, response.body()).getEntry().stream()
                    .map(e -> e.getResponse())
                    .filter(r -> "201 Created".equals(r.getStatus()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(name + " created nothing: " + response.body()))
                    .getLocation()
                    .split("/")[1];
        }
        response = hub().post("/api/v1/prescriptions", "application/json", body);
        assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(201);
        try {
            return JSON.readTree(response.body()).get("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String newRx(String id) {
        var script = hub().get("/api/v1/prescriptions/" + id + "/script");
        assertThat(script.statusCode()).as(script.body()).isEqualTo(200);
        return script.body();
    }

    private IGenericClient client(EncodingEnum encoding) {
        IGenericClient client = Fixtures.FHIR.newRestfulGenericClient("http://127.0.0.1:" + port + "/fhir/r5");
        var headers = new AdditionalRequestHeadersInterceptor();
        headers.addHeaderValue("X-API-Key", API_KEY);
        client.registerInterceptor(headers);
        client.setEncoding(encoding);
        return client;
    }

    private static String contentType(String name) {
        return name.endsWith(".xml") ? "application/fhir+xml" : "application/fhir+json";
    }

    private static List<String> resources(String pattern) {
        try {
            return Arrays.stream(new PathMatchingResourcePatternResolver()
                            .getResources("classpath:fixtures/intake/" + pattern))
                    .map(r -> r.getFilename())
                    .sorted(Comparator.naturalOrder())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String relative) {
        try (var in = ReferenceResolutionIT.class.getResourceAsStream("/fixtures/intake/" + relative)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(relative, e);
        }
    }
}
