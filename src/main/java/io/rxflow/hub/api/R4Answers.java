package io.rxflow.hub.api;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import io.rxflow.hub.intake.FhirFormat;
import io.rxflow.hub.intake.IntakeResult;
import io.rxflow.hub.intake.R4Conversion;
import io.rxflow.hub.intake.R4Record;
import io.rxflow.hub.intake.R4Submission;
import io.rxflow.hub.practitioners.DirectoryLoad;
import io.rxflow.hub.support.HttpReplies;
import java.util.List;
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

    /**
     * A transaction-response (or batch-response) with one entry per request entry, in order: each
     * prescription taken (201, or 200 for one sent before), each party kept with it, and what was left
     * and why.
     */
    public void fhirBundle(@ExchangeProperty("rxRecord") R4Record record, Exchange exchange) {
        var response = new Bundle()
                .setType(record.batch() ? Bundle.BundleType.BATCHRESPONSE : Bundle.BundleType.TRANSACTIONRESPONSE);
        List<IntakeResult> results = record.results();
        for (R4Record.Entry e : record.entries()) {
            var entry = response.addEntry().getResponse();
            IntakeResult result = e.request() < 0 ? null : results.get(e.request());
            switch (e.fate()) {
                case TAKEN -> {
                    entry.setStatus(result.created() ? "201 Created" : "200 OK")
                            .setLocation("MedicationRequest/" + result.id() + "/_history/" + result.version())
                            .setEtag("W/\"" + result.version() + "\"");
                    if (record.request(e.request()).held()) {
                        entry.setOutcome(warning("MedicationRequest taken and held (status routing_failed): it names"
                                + " no pharmacy (dispenseRequest.performer); route it with POST"
                                + " /api/v1/prescriptions/" + result.id() + "/route"));
                    }
                }
                case PART -> entry.setStatus("200 OK")
                        .setOutcome(information(
                                e.type() + " stored as a contained resource of MedicationRequest/" + result.id()));
                default -> entry.setStatus("200 OK").setOutcome(information(e.type() + " " + e.note()));
            }
        }
        reply(exchange, 200, response, null);
    }

    /**
     * The answer to a practitioner directory load: one entry per request entry, in order, created (201),
     * replaced (200) or not kept (200 with the reason), as FHIR's conditional update answers.
     */
    public void directoryLoaded(
            @Body DirectoryLoad load, @ExchangeProperty("rxR4Bundle") R4Submission submission, Exchange exchange) {
        var response = new Bundle()
                .setType(submission.batch() ? Bundle.BundleType.BATCHRESPONSE : Bundle.BundleType.TRANSACTIONRESPONSE);
        for (DirectoryLoad.Entry e : load.entries()) {
            response.addEntry()
                    .getResponse()
                    .setStatus(e.fate() == DirectoryLoad.Fate.CREATED ? "201 Created" : "200 OK")
                    .setOutcome(information(e.type() + " " + e.note()));
        }
        reply(exchange, 200, response, null);
    }

    private static OperationOutcome warning(String text) {
        var outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.WARNING)
                .setCode(OperationOutcome.IssueType.INCOMPLETE)
                .setDiagnostics(text);
        return outcome;
    }

    private static OperationOutcome information(String text) {
        var outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                .setDiagnostics(text);
        return outcome;
    }

    /** The row of {@code prescription-find.sql} as an R4 MedicationRequest. */
    public void medicationRequest(@Body Map<String, Object> row, Exchange exchange) {
        MedicationRequest mr = R4Conversion.toR4(stored.medicationRequest(row));
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
