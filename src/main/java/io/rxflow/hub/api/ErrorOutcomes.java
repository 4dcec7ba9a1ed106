package io.rxflow.hub.api;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that never reach a route (unknown path, unsupported method) answered like every other
 * refusal, with an OperationOutcome, instead of Spring's own error JSON. Replaces Spring Boot's
 * error controller; it names neither the path nor the exception, so nothing the client sent is echoed.
 */
@RestController
class ErrorOutcomes implements ErrorController {
    private final FhirContext fhir;

    ErrorOutcomes(FhirContext fhir) {
        this.fhir = fhir;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        IssueType type;
        String message;
        switch (status) {
            case 404 -> {
                type = IssueType.NOTFOUND;
                message = "No such resource or operation";
            }
            case 405 -> {
                type = IssueType.NOTSUPPORTED;
                message = "The method is not allowed on this resource";
            }
            default -> {
                type = status < 500 ? IssueType.INVALID : IssueType.EXCEPTION;
                message = status < 500 ? "The request was refused" : "Internal error";
            }
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.parseMediaType("application/fhir+json"))
                .body(fhir.newJsonParser().encodeResourceToString(OperationOutcomes.error(type, message, null)));
    }
}
