package io.rxflow.hub;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Medication;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.Organization;
import org.hl7.fhir.r5.model.Patient;
import org.hl7.fhir.r5.model.Practitioner;
import org.hl7.fhir.r5.model.Reference;
import org.hl7.fhir.r5.model.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The team's prescription fixtures (envelope JSON under {@code fixtures/intake/}) and the same
 * prescription in the other accepted shapes: contained MedicationRequest and transaction Bundle, in
 * JSON or XML.
 */
public final class Fixtures {
    public static final FhirContext FHIR = FhirContext.forR5Cached();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    /** One fixture: its file name (the scenario) and its envelope JSON. */
    public record Fixture(String name, String envelope) {
        public MedicationRequest medicationRequest() {
            return part("medication_request", MedicationRequest.class);
        }

        /** The envelope with another order number (PrescriberOrderNumber) and addressed to another pharmacy. */
        public String readdressed(String orderNumber, String ncpdpId) {
            try {
                JsonNode root = JSON.readTree(envelope);
                ((ObjectNode) root.at("/medication_request/identifier/0")).put("value", orderNumber);
                for (JsonNode id : root.at("/pharmacy/identifier")) {
                    if (id.get("system").asText().endsWith("NCPDPProviderIdentificationNumber")) {
                        ((ObjectNode) id).put("value", ncpdpId);
                    }
                }
                return JSON.writeValueAsString(root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public <T extends Resource> T part(String member, Class<T> type) {
            try {
                JsonNode node = JSON.readTree(envelope).get(member);
                return node == null ? null : FHIR.newJsonParser().parseResource(type, node.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static List<Fixture> all(String folder) {
        try {
            var found = new PathMatchingResourcePatternResolver()
                    .getResources("classpath:fixtures/intake/" + folder + "/*.json");
            return Arrays.stream(found)
                    .sorted(Comparator.comparing(r -> r.getFilename()))
                    .map(r -> {
                        try {
                            return new Fixture(
                                    r.getFilename().replace(".json", ""),
                                    new String(r.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Fixture named(String folder, String name) {
        return all(folder).stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No fixture " + folder + "/" + name));
    }

    /**
     * The MedicationRequest with its parties contained, as FHIR create takes it. What the envelope's
     * MedicationRequest already contains (a Medication referred to as '#id') stays as it is.
     */
    public static String contained(Fixture f, boolean xml) {
        MedicationRequest mr = f.medicationRequest();
        mr.setSubject(contain(mr, f.part("patient", Patient.class), "pat"));
        mr.setRequester(contain(mr, f.part("practitioner", Practitioner.class), "prac"));
        mr.getDispenseRequest().setDispenser(contain(mr, f.part("pharmacy", Organization.class), "pharm"));
        Medication med = f.part("medication", Medication.class);
        if (med != null) {
            mr.getMedication().setReference(contain(mr, med, "med"));
        }
        return encode(mr, xml);
    }

    /**
     * A transaction Bundle whose MedicationRequest refers to the other entries by urn:uuid; what it
     * already contains stays contained.
     */
    public static String transaction(Fixture f, boolean xml) {
        MedicationRequest mr = f.medicationRequest();
        var bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        mr.setSubject(entry(bundle, f.part("patient", Patient.class)));
        mr.setRequester(entry(bundle, f.part("practitioner", Practitioner.class)));
        mr.getDispenseRequest().setDispenser(entry(bundle, f.part("pharmacy", Organization.class)));
        Medication med = f.part("medication", Medication.class);
        if (med != null) {
            mr.getMedication().setReference(entry(bundle, med));
        }
        entry(bundle, mr);
        return encode(bundle, xml);
    }

    private static Reference contain(MedicationRequest mr, Resource r, String id) {
        r.setId(id);
        mr.addContained(r);
        return new Reference("#" + id);
    }

    private static Reference entry(Bundle bundle, Resource r) {
        String fullUrl = "urn:uuid:" + UUID.randomUUID();
        r.setId((String) null);
        bundle.addEntry()
                .setFullUrl(fullUrl)
                .setResource(r)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl(r.fhirType());
        return new Reference(fullUrl);
    }

    private static String encode(Resource r, boolean xml) {
        return (xml ? FHIR.newXmlParser() : FHIR.newJsonParser()).encodeResourceToString(r);
    }
}
