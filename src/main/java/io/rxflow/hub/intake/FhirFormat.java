package io.rxflow.hub.intake;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.util.Locale;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;

/** The two FHIR wire formats, chosen from Content-Type and Accept as the FHIR REST spec has it. */
public enum FhirFormat {
    JSON("application/fhir+json"),
    XML("application/fhir+xml");

    private final String mediaType;

    FhirFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /**
     * A strict parser: unknown elements (such as FHIR R4 names) are errors, not silently dropped. A
     * {@code #id} reference to nothing is left to {@link LocalReferences}, which names the element (422).
     */
    IParser strictParser(FhirContext ctx) {
        IParser parser = this == JSON ? ctx.newJsonParser() : ctx.newXmlParser();
        return parser.setParserErrorHandler(new StrictErrorHandler() {
            // HAPI reports an unresolvable '#id' through one or the other; both are checked after parsing.
            @Override
            public void unknownReference(IParseLocation location, String reference) {}

            @Override
            public void invalidInternalReference(IParseLocation location, String reference) {}
        });
    }

    /** The format of a request body; 415 for anything else, 400 for another FHIR version. */
    static FhirFormat ofContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw unsupported("A Content-Type of application/fhir+json or application/fhir+xml is required");
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        checkFhirVersion(type);
        String base = type.split(";", 2)[0].strip();
        return switch (base) {
            case "application/fhir+json", "application/json", "application/json+fhir" -> JSON;
            case "application/fhir+xml", "application/xml", "application/xml+fhir", "text/xml" -> XML;
            default -> throw unsupported("Content-Type " + base + " is not supported: send application/fhir+json"
                    + " or application/fhir+xml");
        };
    }

    /** The answer format: what Accept asks for, else the request's own format, else JSON. */
    public static FhirFormat negotiate(String accept, String contentType, String formatParam) {
        FhirFormat asked = fromHint(formatParam);
        if (asked == null) {
            asked = fromHint(accept);
        }
        if (asked == null) {
            asked = fromHint(contentType);
        }
        return asked == null ? JSON : asked;
    }

    private static FhirFormat fromHint(String hint) {
        if (hint == null) {
            return null;
        }
        String h = hint.toLowerCase(Locale.ROOT);
        boolean json = h.contains("json");
        boolean xml = h.contains("xml");
        if (json == xml) {
            return null;
        }
        return json ? JSON : XML;
    }

    private static void checkFhirVersion(String contentType) {
        int at = contentType.indexOf("fhirversion=");
        if (at >= 0) {
            String version = contentType
                    .substring(at + "fhirversion=".length())
                    .split(";", 2)[0]
                    .strip();
            if (!version.startsWith("5.0")) {
                throw InputRejectedException.malformed(
                        "FHIR version " + version + " is not supported: this endpoint takes FHIR R5 (5.0)", null);
            }
        }
    }

    private static InputRejectedException unsupported(String message) {
        return new InputRejectedException(415, IssueType.NOTSUPPORTED, "unsupported-media-type", message, null);
    }
}
