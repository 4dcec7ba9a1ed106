package io.rxflow.hub.api;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import io.rxflow.hub.intake.FhirFormat;
import io.rxflow.hub.intake.IntakeRequest;
import io.rxflow.hub.intake.IntakeResult;
import io.rxflow.hub.intake.R4Conversion;
import io.rxflow.hub.support.HttpReplies;
import io.rxflow.hub.support.ReadTypes;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * The FHIR R4 face of the hub: answers of {@code /fhir/r4} in R4 (the stored R5 prescription converted
 * back), and the R4 CapabilityStatement. Errors are answered by {@code rx-api-errors} like every call.
 */
@Component("r4Answers")
public class R4Answers {
    static final String FHIR_PATH = "/fhir/r4/MedicationRequest/";

    private final StoredResources stored;
    private final ThreadLocal<IParser> json;
    private final ThreadLocal<IParser> xml;
    private final CapabilityStatement capabilities = R4Capabilities.statement();

    public R4Answers(StoredResources stored) {
        this.stored = stored;
        FhirContext r4 = FhirContext.forR4Cached();
        this.json = ThreadLocal.withInitial(r4::newJsonParser);
        this.xml = ThreadLocal.withInitial(r4::newXmlParser);
    }

    /** The stored MedicationRequest in R4, as FHIR's create interaction answers. */
    public void fhirCreate(@Body IntakeResult result, Exchange exchange) {
        var mr = R4Conversion.toR4(stored.medicationRequest(
                result.medicationRequestJson(), result.status(), result.version(), result.createdAt()));
        reply(exchange, result.created() ? 201 : 200, mr, FHIR_PATH + result.id() + "/_history/" + result.version());
    }

    /** A transaction-response (or batch-response) with one entry per request entry, in order. */
    public void fhirBundle(
            @Body IntakeResult result, @ExchangeProperty("rxRequest") IntakeRequest request, Exchange exchange) {
        var response = new Bundle()
                .setType(
                        request.shape() == IntakeRequest.Shape.BATCH
                                ? Bundle.BundleType.BATCHRESPONSE
                                : Bundle.BundleType.TRANSACTIONRESPONSE);
        for (String type : request.entryTypes()) {
            var entry = response.addEntry().getResponse();
            if ("MedicationRequest".equals(type)) {
                entry.setStatus(result.created() ? "201 Created" : "200 OK")
                        .setLocation("MedicationRequest/" + result.id() + "/_history/" + result.version())
                        .setEtag("W/\"" + result.version() + "\"");
            } else {
                var outcome = new OperationOutcome();
                outcome.addIssue()
                        .setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                        .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                        .setDiagnostics(type + " stored as a contained resource of MedicationRequest/" + result.id());
                entry.setStatus("200 OK").setOutcome(outcome);
            }
        }
        reply(exchange, 200, response, null);
    }

    /** The row of {@code prescription-find.sql} as an R4 MedicationRequest. */
    public void medicationRequest(@Body Map<String, Object> row, Exchange exchange) {
        MedicationRequest mr = R4Conversion.toR4(stored.medicationRequest(
                (String) row.get("medication_request"),
                (String) row.get("status"),
                ((Number) row.get("version")).intValue(),
                ReadTypes.offsetDateTime(row.get("updated_at"))));
        reply(exchange, 200, mr, null);
        exchange.getMessage().setHeader("ETag", "W/\"" + mr.getMeta().getVersionId() + "\"");
    }

    public void metadata(Exchange exchange) {
        reply(exchange, 200, capabilities, null);
    }

    private void reply(Exchange exchange, int status, Resource resource, String location) {
        FhirFormat format = IntakeResponses.requestedFormat(exchange);
        IParser writer = format == FhirFormat.JSON ? json.get() : xml.get();
        HttpReplies.reply(
                exchange.getMessage(),
                status,
                format.mediaType() + "; fhirVersion=4.0",
                writer.encodeResourceToString(resource),
                location);
    }
}
