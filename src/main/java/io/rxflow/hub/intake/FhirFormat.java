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

    /**
     * The format of a request body, from a Content-Type read as RFC 9110 has it: exactly one of the
     * accepted media types, then parameters. {@code charset} must be UTF-8 (the body is read as UTF-8)
     * and {@code fhirVersion}, when given, 5.0; other parameters are ignored. 415 for anything else
     * (a type merely containing "json" is not JSON), 400 for another FHIR version.
     */
    static FhirFormat ofContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw unsupported("A Content-Type of application/fhir+json or application/fhir+xml is required");
        }
        String[] parts = contentType.split(";", -1);
        String base = parts[0].strip().toLowerCase(Locale.ROOT);
        FhirFormat format =
                switch (base) {
                    case "application/fhir+json", "application/json" -> JSON;
                    case "application/fhir+xml", "application/xml", "text/xml" -> XML;
                    default -> throw unsupported("Content-Type " + shown(base) + " is not supported: send"
                            + " application/fhir+json or application/fhir+xml");
                };
        for (int i = 1; i < parts.length; i++) {
            parameter(parts[i].strip());
        }
        return format;
    }

    private static void parameter(String parameter) {
        if (parameter.isEmpty()) {
            return;
        }
        int eq = parameter.indexOf('=');
        if (eq <= 0) {
            throw unsupported("Content-Type parameter " + shown(parameter) + " is not name=value");
        }
        String name = parameter.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        String value = parameter.substring(eq + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if ("charset".equals(name) && !value.equalsIgnoreCase("utf-8") && !value.equalsIgnoreCase("utf8")) {
            throw unsupported("charset " + shown(value) + " is not supported: the hub reads UTF-8");
        }
        if ("fhirversion".equals(name) && !value.startsWith("5.0")) {
            throw InputRejectedException.malformed(
                    "FHIR version " + shown(value) + " is not supported: this endpoint takes FHIR R5 (5.0)", null);
        }
    }

    /** Client text repeated in an answer only when it is a plain token. */
    private static String shown(String text) {
        return text.matches("[A-Za-z0-9.+/_-]{1,64}") ? text : "(as sent)";
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

    private static InputRejectedException unsupported(String message) {
        return new InputRejectedException(415, IssueType.NOTSUPPORTED, "unsupported-media-type", message, null);
    }
}
