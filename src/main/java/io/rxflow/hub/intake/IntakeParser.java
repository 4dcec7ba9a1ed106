package io.rxflow.hub.intake;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rxflow.hub.intake.validation.ValidationFailedException;
import io.rxflow.hub.support.PrescriptionResources;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Medication;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.Organization;
import org.hl7.fhir.r5.model.Patient;
import org.hl7.fhir.r5.model.Practitioner;
import org.hl7.fhir.r5.model.Resource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads the three accepted request shapes into one {@link PrescriptionResources}: the hub's JSON
 * envelope, a MedicationRequest with its parties contained, and a transaction Bundle.
 */
@Component("intakeParser")
public class IntakeParser {
    // The envelope's optional members by role, in the order they are read; the resolver decides what is missing.
    private static final Map<String, Class<? extends Resource>> ROLES = roles();

    /** Default of {@code rxflow.api.max-bundle-entries}: a prescription is five resources, a few more at most. */
    public static final int DEFAULT_MAX_BUNDLE_ENTRIES = 100;

    private final BodyGuards guards;
    private final ThreadLocal<IParser> jsonParser;
    private final ThreadLocal<IParser> xmlParser;
    private final R4IntakeParser r4;

    public IntakeParser(FhirContext fhir, ObjectMapper json) {
        this(fhir, json, DEFAULT_MAX_BUNDLE_ENTRIES);
    }

    @Autowired
    public IntakeParser(
            FhirContext fhir,
            ObjectMapper json,
            @Value("${rxflow.api.max-bundle-entries:" + DEFAULT_MAX_BUNDLE_ENTRIES + "}") int maxBundleEntries) {
        this.guards = new BodyGuards(json, fhir, maxBundleEntries, "rxflow.api.max-bundle-entries");
        // Parsers are cheap to keep and costly to configure per call; one per thread, never shared.
        this.jsonParser = ThreadLocal.withInitial(() -> FhirFormat.JSON.strictParser(fhir));
        this.xmlParser = ThreadLocal.withInitial(() -> FhirFormat.XML.strictParser(fhir));
        this.r4 = new R4IntakeParser(json, R4IntakeParser.DEFAULT_MAX_BUNDLE_ENTRIES);
    }

    /**
     * The envelope {@code {"medication_request", "patient", "practitioner", "pharmacy", "medication"?}};
     * with {@code "fhir_version": "4.0.1"} its members are R4 resources ({@link R4IntakeParser}).
     */
    public IntakeRequest fromEnvelope(@Body byte[] body, @Header(Exchange.CONTENT_TYPE) String contentType) {
        if (envelopeFormat(contentType) != FhirFormat.JSON) {
            throw new InputRejectedException(
                    415,
                    org.hl7.fhir.r5.model.OperationOutcome.IssueType.NOTSUPPORTED,
                    "unsupported-media-type",
                    "The prescription envelope is JSON: send Content-Type application/json",
                    null);
        }
        JsonNode root = guards.document(body, "");
        if (!root.isObject()) {
            throw InputRejectedException.malformed("The envelope must be a JSON object", null);
        }
        if (R4IntakeParser.declaresR4(root)) {
            return r4.fromEnvelope(root);
        }
        Map<String, String> received = new HashMap<>();
        MedicationRequest mr = member(root, "medication_request", MedicationRequest.class, received);
        if (mr == null) {
            throw InputRejectedException.malformed("The envelope has no 'medication_request'", "medication_request");
        }
        Map<String, Resource> members = new HashMap<>();
        for (var role : ROLES.entrySet()) {
            Resource r = member(root, role.getKey(), role.getValue(), received);
            if (r != null) {
                members.put(role.getKey(), r);
            }
        }
        PrescriptionResources resources = ReferenceResolver.envelope(members).resolve(mr);
        // The stored form is built from the members' JSON as received only when every part is a member and
        // nothing is contained; otherwise it is stored as HAPI encodes it (ContainedForm.of sorts that out).
        boolean allMembers = !mr.hasContained()
                && members.get("patient") == resources.patient()
                && members.get("practitioner") == resources.practitioner()
                && members.get("pharmacy") == resources.pharmacy()
                && members.get("medication") == resources.medication();
        return new IntakeRequest(IntakeRequest.Shape.ENVELOPE, resources, List.of(), allMembers ? received : Map.of());
    }

    /** The envelope's format; null for one that is not JSON, so that the refusal names the envelope's type. */
    private static FhirFormat envelopeFormat(String contentType) {
        try {
            return FhirFormat.ofContentType(contentType);
        } catch (InputRejectedException e) {
            if (e.httpStatus() == 415) {
                return null;
            }
            throw e;
        }
    }

    /** A MedicationRequest whose Patient, Practitioner, pharmacy and Medication are contained resources. */
    public IntakeRequest fromContained(@Body byte[] body, @Header(Exchange.CONTENT_TYPE) String contentType) {
        MedicationRequest mr = parse(body, contentType, MedicationRequest.class, "MedicationRequest");
        return new IntakeRequest(
                IntakeRequest.Shape.CONTAINED, ReferenceResolver.contained().resolve(mr), List.of());
    }

    /** A transaction Bundle with one MedicationRequest and the resources it references. */
    public IntakeRequest fromTransaction(@Body byte[] body, @Header(Exchange.CONTENT_TYPE) String contentType) {
        Bundle bundle = parse(body, contentType, Bundle.class, "Bundle");
        if (bundle.getType() != Bundle.BundleType.TRANSACTION) {
            throw InputRejectedException.malformed("Bundle.type must be 'transaction'", "Bundle.type");
        }
        var resources = ReferenceResolver.bundle(bundle).resolve(ReferenceResolver.theMedicationRequest(bundle));
        List<String> entryTypes = bundle.getEntry().stream()
                .map(e -> e.hasResource() ? e.getResource().fhirType() : "")
                .toList();
        return new IntakeRequest(IntakeRequest.Shape.TRANSACTION, resources, entryTypes);
    }

    private <T extends IBaseResource> T parse(byte[] body, String contentType, Class<T> type, String path) {
        return guards.parse(
                body, FhirFormat.ofContentType(contentType), type, path, jsonParser, xmlParser, IntakeParser::describe);
    }

    private <T extends IBaseResource> T member(
            JsonNode root, String name, Class<T> type, Map<String, String> received) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        String expected = type.getSimpleName();
        JsonNode resourceType = node.get("resourceType");
        if (resourceType == null || !expected.equals(resourceType.asText())) {
            throw InputRejectedException.malformed(
                    "'" + name + "' must be a FHIR R5 " + expected + " resource", name + ".resourceType");
        }
        guards.member(node, expected);
        try {
            // HAPI reads the member's Jackson tree as it is: no second text round trip.
            var structure = new JacksonStructure();
            structure.setNativeObject((ObjectNode) node);
            T resource = ((IJsonLikeParser) jsonParser.get()).parseResource(type, structure);
            received.put(name, node.toString());
            return resource;
        } catch (DataFormatException e) {
            throw InputRejectedException.malformed(describe(e), name);
        } catch (InputRejectedException | ValidationFailedException refused) {
            throw refused;
        } catch (RuntimeException e) {
            throw BodyGuards.unreadable(e, name);
        }
    }

    private static Map<String, Class<? extends Resource>> roles() {
        Map<String, Class<? extends Resource>> roles = new LinkedHashMap<>();
        roles.put("patient", Patient.class);
        roles.put("practitioner", Practitioner.class);
        roles.put("pharmacy", Organization.class);
        roles.put("medication", Medication.class);
        return roles;
    }

    /** HAPI's message without its numeric code prefix; it names the element and position. */
    private static String describe(DataFormatException e) {
        String message = e.getMessage() == null ? "Malformed FHIR resource" : e.getMessage();
        return message.replaceFirst("^HAPI-\\d+: ", "");
    }
}
