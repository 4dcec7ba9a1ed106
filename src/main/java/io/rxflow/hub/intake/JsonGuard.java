package io.rxflow.hub.intake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.rxflow.hub.intake.validation.DecimalBounds;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;

/**
 * Reads request JSON into a tree the way the hub accepts it, before HAPI sees any of it: nested at
 * most {@value #MAX_DEPTH} levels (HAPI and the tree walkers recurse; thousands of levels overflow the
 * stack) and no key twice in one object (the last value would silently win: a second NPI is what goes
 * out). Every refusal is a 400 that names where it happened.
 */
final class JsonGuard {
    /**
     * Deepest accepted nesting of objects and arrays. A transaction Bundle with a contained Patient's
     * nested extension coding is about 16 levels; 64 leaves room and stays far below any stack limit.
     */
    static final int MAX_DEPTH = 64;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private final ObjectReader reader;

    JsonGuard(ObjectMapper json) {
        ObjectMapper strict = json.copy();
        strict.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .build())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // Decimals as written (FHIR decimals keep their precision: 2.50 is not 2.5), as HAPI reads them.
        this.reader = strict.reader()
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                // "{...} anything": one document per body, as for any parser the client might be checked with.
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(JsonNodeFactory.withExactBigDecimals(true));
    }

    /** The document as a tree; {@code root} names its top level in refusals (a resource type, or "" for the envelope). */
    JsonNode read(byte[] body, String root) {
        if (body.length == 0) {
            throw InputRejectedException.malformed("The request body is empty", blankToNull(root));
        }
        try {
            JsonNode tree = reader.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw InputRejectedException.malformed("The request body is empty", blankToNull(root));
            }
            rejectEmptyKeys(tree, root);
            return tree;
        } catch (StreamConstraintsException e) {
            throw tooDeepOrTooLong(e, root);
        } catch (NumberFormatException e) {
            // A number whose exponent does not fit (1e-9999999999): no decimal FHIR can carry (found by
            // IntakeFuzzTest); refused like any other number out of range, before anything reads it.
            throw DecimalBounds.outOfRange(blankToNull(root));
        } catch (JsonProcessingException e) {
            throw malformed(e, root);
        } catch (IOException e) {
            throw InputRejectedException.malformed("The request body could not be read", blankToNull(root));
        }
    }

    /** HAPI's JSON parser fails with an index error on a key "" (found by IntakeFuzzTest); FHIR has no such name. */
    private static void rejectEmptyKeys(JsonNode node, String path) {
        if (node.isObject()) {
            for (var it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                if (field.getKey().isEmpty()) {
                    throw InputRejectedException.malformed(
                            "An empty key in a JSON object" + (path.isEmpty() ? "" : " under " + path)
                                    + ": FHIR has no element without a name",
                            blankToNull(path));
                }
                rejectEmptyKeys(
                        field.getValue(),
                        path.isEmpty() ? safeName(field.getKey()) : path + "." + safeName(field.getKey()));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                rejectEmptyKeys(node.get(i), path + "[" + i + "]");
            }
        }
    }

    private static RuntimeException tooDeepOrTooLong(StreamConstraintsException e, String root) {
        String where = path(e, root);
        if (String.valueOf(e.getOriginalMessage()).contains("Number value length")) {
            return DecimalBounds.outOfRange(where == null ? blankToNull(root) : where);
        }
        return new InputRejectedException(
                400,
                IssueType.TOOCOSTLY,
                "nesting-too-deep",
                "JSON nested deeper than " + MAX_DEPTH + " levels" + position(e) + "; no prescription needs that",
                where);
    }

    private static InputRejectedException malformed(JsonProcessingException e, String root) {
        JsonParser parser = e.getProcessor() instanceof JsonParser p ? p : null;
        String message = String.valueOf(e.getOriginalMessage());
        if (parser != null && message.startsWith("Duplicate")) {
            String key = safeName(parser.getParsingContext().getCurrentName());
            return new InputRejectedException(
                    400,
                    IssueType.STRUCTURE,
                    "duplicate-key",
                    "Key '" + key + "' appears twice in one JSON object" + position(e)
                            + "; each key may appear once (which value was meant is unknowable)",
                    path(e, root));
        }
        return InputRejectedException.malformed("Malformed JSON" + position(e), blankToNull(root));
    }

    private static String position(JsonProcessingException e) {
        var at = e.getLocation();
        return at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** Where the parser was, as a path under {@code root}; only element-like names are repeated. */
    private static String path(JsonProcessingException e, String root) {
        if (!(e.getProcessor() instanceof JsonParser parser)) {
            return blankToNull(root);
        }
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + safeName(c.getCurrentName()));
            }
        }
        String path = root + String.join("", parts);
        return blankToNull(path.startsWith(".") ? path.substring(1) : path);
    }

    private static String safeName(String name) {
        return name != null && NAME.matcher(name).matches() ? name : "?";
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
