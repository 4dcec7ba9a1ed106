package io.rxflow.hub.intake;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rxflow.hub.intake.validation.DecimalBounds;
import io.rxflow.hub.intake.validation.ValidationFailedException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The checks every FHIR request body passes before HAPI reads a byte of it, for R5 and R4 alike:
 * UTF-8, not blank, no DOCTYPE, nesting depth, duplicate JSON keys, trailing content, JSON types,
 * decimal bounds, and the number of Bundle entries. Each refusal is a 400 (413 for a Bundle too big)
 * naming the element.
 */
final class BodyGuards {
    private final JsonGuard jsonGuard;
    private final JsonTypes jsonTypes;
    private final int maxBundleEntries;
    private final String entriesSetting;

    /** {@code entriesSetting} names the setting that sets {@code maxBundleEntries}, for the refusal. */
    BodyGuards(ObjectMapper json, FhirContext fhir, int maxBundleEntries, String entriesSetting) {
        this.jsonGuard = new JsonGuard(json);
        this.jsonTypes = new JsonTypes(fhir);
        this.maxBundleEntries = maxBundleEntries;
        this.entriesSetting = entriesSetting;
    }

    /** The body as UTF-8 text; malformed bytes and a blank body are refused. */
    String text(byte[] body, String path) {
        String text = utf8(body == null ? new byte[0] : body, path);
        if (text.isBlank()) {
            throw InputRejectedException.malformed("The request body is empty", path);
        }
        return text;
    }

    /** An XML resource's text, checked: no DOCTYPE, depth, entries of a Bundle, decimals. */
    String xml(String text, String path, boolean bundle) {
        XmlGuard.rejectDoctype(text);
        int entries = XmlGuard.scan(text, path);
        if (bundle) {
            checkEntries(entries);
        }
        // Numbers are bounded before HAPI reads them: it turns 1e999999 into a million digits.
        DecimalBounds.checkText(text, path);
        return text;
    }

    /** A JSON resource read once, strictly (duplicate keys, depth, trailing content), and checked. */
    ObjectNode json(byte[] body, String path, boolean bundle) {
        JsonNode tree = jsonGuard.read(body, path);
        if (!tree.isObject()) {
            throw InputRejectedException.malformed("The body must be a JSON object: a FHIR " + path, null);
        }
        if (bundle) {
            checkEntries(tree.path("entry").size());
        }
        member(tree, path);
        return (ObjectNode) tree;
    }

    /** The JSON checks of one resource already read as part of a larger document (an envelope member). */
    void member(JsonNode resource, String path) {
        DecimalBounds.checkJson(resource.traverse(), path);
        jsonTypes.check(resource, path);
    }

    /** A whole JSON document (the envelope), read strictly. */
    JsonNode document(byte[] body, String path) {
        return jsonGuard.read(body == null ? new byte[0] : body, path);
    }

    /**
     * The body checked, then read by HAPI with the parser for its format: the one way every FHIR body
     * is read, R5 and R4. HAPI's own refusals are described by {@code describe}; anything else it
     * throws on the client's bytes is still unreadable input (400, naming only the exception type).
     */
    <T extends IBaseResource> T parse(
            byte[] body,
            FhirFormat format,
            Class<T> type,
            String path,
            ThreadLocal<IParser> json,
            ThreadLocal<IParser> xml,
            Function<DataFormatException, String> describe) {
        String text = text(body, path);
        boolean bundle = type.getSimpleName().equals("Bundle");
        try {
            if (format == FhirFormat.XML) {
                return xml.get().parseResource(type, xml(text, path, bundle));
            }
            var structure = new JacksonStructure();
            structure.setNativeObject(json(body, path, bundle));
            return ((IJsonLikeParser) json.get()).parseResource(type, structure);
        } catch (DataFormatException e) {
            throw InputRejectedException.malformed(describe.apply(e), path);
        } catch (InputRejectedException | ValidationFailedException refused) {
            throw refused;
        } catch (RuntimeException e) {
            throw unreadable(e, path);
        }
    }

    /**
     * Anything else HAPI's parser throws while reading the client's bytes is still the client's input it
     * cannot read: 400, naming only the exception type (its message may quote content).
     */
    static InputRejectedException unreadable(RuntimeException e, String path) {
        return InputRejectedException.malformed(
                "The FHIR resource could not be read (" + e.getClass().getSimpleName() + ")", path);
    }

    /** Refuses (413) a Bundle with more entries than allowed, before it is parsed or resolved. */
    private void checkEntries(int entries) {
        if (entries > maxBundleEntries) {
            throw new InputRejectedException(
                    413,
                    org.hl7.fhir.r5.model.OperationOutcome.IssueType.TOOCOSTLY,
                    "bundle-too-many-entries",
                    "The Bundle has " + entries + " entries; at most " + maxBundleEntries + " are accepted ("
                            + entriesSetting + ")",
                    "Bundle.entry");
        }
    }

    /** Malformed bytes are refused (400), never replaced by U+FFFD and read on. */
    private static String utf8(byte[] body, String path) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw InputRejectedException.malformed("The body is not valid UTF-8", path);
        }
    }
}
