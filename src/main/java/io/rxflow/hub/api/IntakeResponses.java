package io.rxflow.hub.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.intake.FhirFormat;
import io.rxflow.hub.intake.FhirWriters;
import io.rxflow.hub.intake.IntakeRequest;
import io.rxflow.hub.intake.IntakeResult;
import io.rxflow.hub.support.HttpReplies;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.springframework.stereotype.Component;

/** Answers an accepted submission in the caller's terms: API JSON, a FHIR resource, or a transaction-response. */
@Component("intakeResponses")
public class IntakeResponses {
    static final String FHIR_PATH = "/fhir/r5/MedicationRequest/";
    /** Exchange property: the FHIR format the answer is written in, settled when the request arrives. */
    static final String ANSWER_FORMAT = "rxAnswerFormat";

    private final ObjectMapper json;
    private final FhirWriters writers;
    private final StoredResources stored;

    public IntakeResponses(ObjectMapper json, FhirWriters writers, StoredResources stored) {
        this.json = json;
        this.writers = writers;
        this.stored = stored;
    }

    /** {@code 201} with the new prescription, or {@code 200} with the one this request duplicates. */
    public void api(@Body IntakeResult result, Exchange exchange) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", result.id());
        body.put("status", result.status());
        body.put("idempotency_key", result.idempotencyKey());
        body.put("is_controlled", result.controlled());
        body.put("created_at", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(result.createdAt()));
        HttpReplies.reply(
                exchange.getMessage(),
                result.created() ? 201 : 200,
                "application/json",
                json.writeValueAsString(body),
                HttpReplies.PRESCRIPTIONS_PATH + result.id());
    }

    /** The stored MedicationRequest, as FHIR's create interaction answers. */
    public void fhirCreate(@Body IntakeResult result, Exchange exchange) {
        FhirFormat format = requestedFormat(exchange);
        MedicationRequest mr = stored.medicationRequest(
                result.medicationRequestJson(), result.status(), result.version(), result.createdAt());
        HttpReplies.reply(
                exchange.getMessage(),
                result.created() ? 201 : 200,
                format.mediaType(),
                writers.of(format).encodeResourceToString(mr),
                FHIR_PATH + result.id() + "/_history/" + result.version());
    }

    /** A transaction-response with one entry per request entry, in order. */
    public void fhirTransaction(
            @Body IntakeResult result, @ExchangeProperty("rxRequest") IntakeRequest request, Exchange exchange) {
        var response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        List<String> types = request.entryTypes();
        for (String type : types) {
            var entry = response.addEntry().getResponse();
            if ("MedicationRequest".equals(type)) {
                entry.setStatus(result.created() ? "201 Created" : "200 OK")
                        .setLocation("MedicationRequest/" + result.id() + "/_history/" + result.version())
                        .setEtag("W/\"" + result.version() + "\"");
            } else {
                entry.setStatus("200 OK")
                        .setOutcome(OperationOutcomes.information(
                                type + " stored as a contained resource of MedicationRequest/" + result.id()));
            }
        }
        FhirFormat format = requestedFormat(exchange);
        HttpReplies.reply(
                exchange.getMessage(),
                200,
                format.mediaType(),
                writers.of(format).encodeResourceToString(response),
                null);
    }

    static FhirFormat requestedFormat(Exchange exchange) {
        FhirFormat settled = exchange.getProperty(ANSWER_FORMAT, FhirFormat.class);
        return settled != null ? settled : negotiate(exchange);
    }

    static FhirFormat negotiate(Exchange exchange) {
        var m = exchange.getMessage();
        return FhirFormat.negotiate(
                m.getHeader("Accept", String.class),
                m.getHeader(Exchange.CONTENT_TYPE, String.class),
                m.getHeader("_format", String.class));
    }

    /** Small factory kept here: only transaction answers carry informational outcomes. */
    private static final class OperationOutcomes {
        static OperationOutcome information(String text) {
            var outcome = new OperationOutcome();
            outcome.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                    .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                    .setDiagnostics(text);
            return outcome;
        }
    }
}
