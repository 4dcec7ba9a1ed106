package io.rxflow.hub.api;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r5.model.OperationOutcome;

/** Writes an OperationOutcome straight to a servlet response, for refusals made before Camel. */
final class OutcomeWriter {
    private OutcomeWriter() {}

    static void write(HttpServletResponse response, int status, OperationOutcome outcome, FhirContext fhir)
            throws IOException {
        byte[] body = fhir.newJsonParser().encodeResourceToString(outcome).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/fhir+json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
