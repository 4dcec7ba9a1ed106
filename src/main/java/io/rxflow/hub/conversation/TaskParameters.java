package io.rxflow.hub.conversation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rxflow.hub.support.BadRequestException;
import org.hl7.fhir.r5.model.BooleanType;
import org.hl7.fhir.r5.model.DecimalType;
import org.hl7.fhir.r5.model.IntegerType;
import org.hl7.fhir.r5.model.Parameters;
import org.hl7.fhir.r5.model.PrimitiveType;

/**
 * The body of {@code POST /fhir/r5/Task/{id}/$respond}: a FHIR Parameters resource (JSON or XML) whose
 * parameters carry the API's answer fields under the same names ({@code decision} as valueCode,
 * {@code reason_code}, {@code number_of_refills} as valueInteger, ...), turned into the API's JSON
 * so {@link PrescriberAnswers} checks both ways alike.
 */
final class TaskParameters {
    private final FhirContext fhir;
    private final ObjectMapper json;

    TaskParameters(FhirContext fhir, ObjectMapper json) {
        this.fhir = fhir;
        this.json = json;
    }

    String toAnswerJson(String body) {
        if (body == null || body.isBlank()) {
            throw new BadRequestException("The body must be a Parameters resource with a decision", "decision");
        }
        Parameters parameters;
        try {
            var parser = body.stripLeading().startsWith("<") ? fhir.newXmlParser() : fhir.newJsonParser();
            parameters = parser.parseResource(Parameters.class, body);
        } catch (DataFormatException | ClassCastException e) {
            throw new BadRequestException("The body must be a FHIR Parameters resource", "Parameters");
        }
        ObjectNode answer = json.createObjectNode();
        for (var p : parameters.getParameter()) {
            String name = p.getName();
            if (name == null || answer.has(name)) {
                throw new BadRequestException("Each parameter has a name, once", "Parameters.parameter.name");
            }
            var value = p.getValue();
            if (value instanceof IntegerType i) {
                answer.put(name, i.getValue());
            } else if (value instanceof DecimalType d) {
                answer.put(name, d.getValue());
            } else if (value instanceof BooleanType b) {
                answer.put(name, b.getValue());
            } else if (value instanceof PrimitiveType<?> text) {
                answer.put(name, text.getValueAsString());
            } else {
                throw new BadRequestException(name + " needs a primitive value", name);
            }
        }
        return answer.toString();
    }
}
