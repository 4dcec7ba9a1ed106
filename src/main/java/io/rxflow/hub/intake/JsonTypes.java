package io.rxflow.hub.intake;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimePrimitiveDatatypeDefinition;
import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;

/**
 * Holds FHIR JSON to its primitive types (https://hl7.org/fhir/R5/json.html#primitive): decimal and the
 * integer types are JSON numbers, boolean is true or false, everything else is a string. HAPI reads
 * {@code "value": "30"} as 30 without a word; a client that quotes numbers has a defect worth hearing
 * about, so the hub refuses (400) naming the element.
 */
final class JsonTypes {
    private static final Set<String> NUMBERS = Set.of("decimal", "integer", "positiveInt", "unsignedInt");

    private final FhirContext fhir;

    JsonTypes(FhirContext fhir) {
        this.fhir = fhir;
    }

    /** Checks a resource's tree; {@code path} names it in refusals (e.g. {@code MedicationRequest}). */
    void check(JsonNode resource, String path) {
        var definition = resourceDefinition(resource);
        if (definition != null) {
            composite(resource, definition, path);
        }
    }

    private void composite(JsonNode node, BaseRuntimeElementCompositeDefinition<?> definition, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var field = it.next();
            String name = field.getKey();
            BaseRuntimeChildDefinition child = name.startsWith("_") ? null : definition.getChildByName(name);
            // Unknown names and primitive extensions (_name) are HAPI's to judge.
            BaseRuntimeElementDefinition<?> type = child == null ? null : child.getChildByName(name);
            if (type == null) {
                continue;
            }
            JsonNode value = field.getValue();
            if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    element(value.get(i), type, path + "." + name + "[" + i + "]");
                }
            } else {
                element(value, type, path + "." + name);
            }
        }
    }

    private void element(JsonNode value, BaseRuntimeElementDefinition<?> type, String path) {
        if (value.isObject()) {
            if (value.has("resourceType")) {
                check(value, path);
            } else if (type instanceof BaseRuntimeElementCompositeDefinition<?> composite) {
                composite(value, composite, path);
            }
        } else if (type instanceof RuntimePrimitiveDatatypeDefinition primitive && !value.isNull()) {
            String fhirType = primitive.getName();
            if (NUMBERS.contains(fhirType) && !value.isNumber()) {
                throw wrongType(path, fhirType, "a JSON number, not a string");
            } else if ("boolean".equals(fhirType) && !value.isBoolean()) {
                throw wrongType(path, fhirType, "true or false, not a string");
            } else if (!NUMBERS.contains(fhirType) && !"boolean".equals(fhirType) && !value.isTextual()) {
                throw wrongType(path, fhirType, "a JSON string");
            }
        }
    }

    private BaseRuntimeElementCompositeDefinition<?> resourceDefinition(JsonNode resource) {
        JsonNode type = resource.get("resourceType");
        if (type == null || !type.isTextual()) {
            return null;
        }
        try {
            return fhir.getResourceDefinition(type.asText());
        } catch (DataFormatException unknown) {
            return null; // HAPI names the unknown type
        }
    }

    private static InputRejectedException wrongType(String path, String fhirType, String expected) {
        return new InputRejectedException(
                400,
                IssueType.STRUCTURE,
                "json-type-mismatch",
                path + " is a FHIR " + fhirType + ": FHIR JSON carries it as " + expected,
                path);
    }
}
