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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads FHIR R4 (US Core) submissions with a strict R4 parser and converts them to R5
 * ({@link R4Conversion}); from there they take the R5 path: the one {@link ReferenceResolver}, the
 * validator, the mapper and the store. Refusals name the R4 element ({@link R4Names}).
 */
@Component("r4IntakeParser")
public class R4IntakeParser {
    private static final Map<String, Class<? extends Resource>> ROLES = Map.of(
            "patient", Patient.class,
            "practitioner", Practitioner.class,
            "pharmacy", Organization.class,
            "medication", Medication.class);

    /**
     * Default of {@code rxflow.api.max-r4-bundle-entries}: R4 Bundles may be a whole patient record
     * (Synthea), hundreds of entries of which only the active orders are taken.
     */
    public static final int DEFAULT_MAX_BUNDLE_ENTRIES = 5000;

    private final BodyGuards guards;
    private final ThreadLocal<IParser> jsonParser;
    private final ThreadLocal<IParser> xmlParser;

    public R4IntakeParser(
            ObjectMapper json,
            @Value("${rxflow.api.max-r4-bundle-entries:" + DEFAULT_MAX_BUNDLE_ENTRIES + "}") int maxBundleEntries) {
        FhirContext r4 = FhirContext.forR4Cached();
        this.guards = new BodyGuards(json, r4, maxBundleEntries, "rxflow.api.max-r4-bundle-entries");
        this.jsonParser = ThreadLocal.withInitial(() -> FhirFormat.JSON.strictParser(r4));
        this.xmlParser = ThreadLocal.withInitial(() -> FhirFormat.XML.strictParser(r4));
    }

    /** {@code POST /fhir/r4/MedicationRequest}: the parties are contained resources. */
    public IntakeRequest fromContained(@Body byte[] body, @Header(Exchange.CONTENT_TYPE) String contentType) {
        MedicationRequest r4 = parse(body, contentType, MedicationRequest.class, "MedicationRequest");
        var mr = (org.hl7.fhir.r5.model.MedicationRequest) R4Conversion.toR5(r4, "MedicationRequest");
        var resources = R4Prescribers.withRoleDea(
                inR4Terms(() -> ReferenceResolver.contained().resolve(mr)), null);
        return new IntakeRequest(IntakeRequest.Shape.CONTAINED, resources, List.of(), Map.of(), R4Conversion.VERSION);
    }

    /**
     * {@code POST /fhir/r4}: a transaction or batch Bundle. With one MedicationRequest, that is the
     * prescription; with several (a whole patient record, as Synthea writes it), each active order is one.
     * Conditional references are resolved within the Bundle only.
     */
    public R4Record fromBundle(@Body byte[] body, @Header(Exchange.CONTENT_TYPE) String contentType) {
        return record(parseBundle(body, contentType), ConditionalReferences.Directory.NONE);
    }

    /** The R4 transaction or batch Bundle, parsed strictly and converted to R5. */
    public R4Submission parseBundle(@Body byte[] body, @Header(Exchange.CONTENT_TYPE) String contentType) {
        Bundle r4 = parse(body, contentType, Bundle.class, "Bundle");
        if (r4.getType() != Bundle.BundleType.TRANSACTION && r4.getType() != Bundle.BundleType.BATCH) {
            throw InputRejectedException.malformed("Bundle.type must be 'transaction' or 'batch'", "Bundle.type");
        }
        var bundle = (org.hl7.fhir.r5.model.Bundle) R4Conversion.toR5(r4, "Bundle");
        return new R4Submission(bundle, r4.getType() == Bundle.BundleType.BATCH);
    }

    /**
     * The prescriptions of a parsed Bundle: conditional references resolved within the Bundle, then in
     * the {@code directory}, and each MedicationRequest's references followed.
     */
    R4Record record(R4Submission submission, ConditionalReferences.Directory directory) {
        var bundle = submission.bundle();
        int sent = bundle.getEntry().size();
        inR4Terms(() -> {
            ConditionalReferences.resolve(bundle, List.of("MedicationRequest", "PractitionerRole"), directory);
            return null;
        });
        return R4Bundles.read(
                bundle,
                sent,
                submission.batch(),
                mr -> inR4Terms(() -> ReferenceResolver.record(bundle).resolve(mr)));
    }

    /** The envelope whose {@code fhir_version} is 4.0.1: every member an R4 resource. */
    IntakeRequest fromEnvelope(JsonNode root) {
        MedicationRequest r4 = member(root, "medication_request", MedicationRequest.class);
        if (r4 == null) {
            throw InputRejectedException.malformed("The envelope has no 'medication_request'", "medication_request");
        }
        var mr = (org.hl7.fhir.r5.model.MedicationRequest) R4Conversion.toR5(r4, "medication_request");
        Map<String, org.hl7.fhir.r5.model.Resource> members = new HashMap<>();
        for (var role : ROLES.entrySet()) {
            Resource member = member(root, role.getKey(), role.getValue());
            if (member != null) {
                members.put(role.getKey(), R4Conversion.toR5(member, role.getKey()));
            }
        }
        var resources = R4Prescribers.withRoleDea(
                inR4Terms(() -> ReferenceResolver.envelope(members).resolve(mr)), null);
        return new IntakeRequest(IntakeRequest.Shape.ENVELOPE, resources, List.of(), Map.of(), R4Conversion.VERSION);
    }

    /**
     * True when the envelope's {@code fhir_version} is R4 (4.0.1 or 4.0); absent or 5.0(.0) is the R5
     * envelope; any other value is refused (400) rather than read as the wrong version.
     */
    static boolean declaresR4(JsonNode envelope) {
        JsonNode version = envelope.get("fhir_version");
        if (version == null || version.isNull()) {
            return false;
        }
        String v = version.isTextual() ? version.asText().strip() : "";
        if (R4Conversion.isR4(v)) {
            return true;
        }
        if (v.equals(IntakeRequest.R5) || v.equals("5.0")) {
            return false;
        }
        throw InputRejectedException.malformed(
                "'fhir_version' must be \"4.0.1\" (FHIR R4) or \"5.0.0\" (FHIR R5, the default)", "fhir_version");
    }

    /** The format of an R4 request: a declared {@code fhirVersion} must be 4.0; the rest as for R5. */
    static FhirFormat formatOf(String contentType) {
        if (contentType == null) {
            return FhirFormat.ofContentType(null);
        }
        String[] parts = contentType.split(";");
        for (String part : parts) {
            String p = part.strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("fhirversion=")
                    && !R4Conversion.isR4(p.substring("fhirversion=".length()).strip())) {
                throw InputRejectedException.malformed(
                        "FHIR version " + p.substring("fhirversion=".length()).strip()
                                + " is not supported here: /fhir/r4 takes FHIR R4 (4.0); FHIR R5 goes to /fhir/r5",
                        null);
            }
        }
        return FhirFormat.ofContentType(Arrays.stream(parts)
                .filter(p -> !p.strip().toLowerCase(Locale.ROOT).startsWith("fhirversion="))
                .collect(Collectors.joining(";")));
    }

    // The same guards and reading as the R5 parser's (BodyGuards.parse), with the R4 parsers.
    private <T extends Resource> T parse(byte[] body, String contentType, Class<T> type, String path) {
        return guards.parse(body, formatOf(contentType), type, path, jsonParser, xmlParser, R4IntakeParser::describe);
    }

    private <T extends Resource> T member(JsonNode root, String name, Class<T> type) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        String expected = type.getSimpleName();
        JsonNode resourceType = node.get("resourceType");
        if (!node.isObject() || resourceType == null || !expected.equals(resourceType.asText())) {
            throw InputRejectedException.malformed(
                    "'" + name + "' must be a FHIR R4 " + expected + " resource", name + ".resourceType");
        }
        guards.member(node, expected);
        try {
            var structure = new JacksonStructure();
            structure.setNativeObject((ObjectNode) node);
            return ((IJsonLikeParser) jsonParser.get()).parseResource(type, structure);
        } catch (DataFormatException e) {
            throw InputRejectedException.malformed(describe(e), name);
        } catch (InputRejectedException | ValidationFailedException refused) {
            throw refused;
        } catch (RuntimeException e) {
            throw BodyGuards.unreadable(e, name);
        }
    }

    private static <T> T inR4Terms(Supplier<T> resolution) {
        try {
            return resolution.get();
        } catch (ValidationFailedException | InputRejectedException e) {
            throw (RuntimeException) R4Names.inR4Terms(e);
        }
    }

    /** HAPI's message without its code, and which FHIR version was expected (an R5 resource fails here). */
    private static String describe(DataFormatException e) {
        String message = e.getMessage() == null ? "Malformed FHIR resource" : e.getMessage();
        return message.replaceFirst("^HAPI-\\d+: ", "") + " (FHIR R4 expected; FHIR R5 goes to the R5 endpoints)";
    }
}
