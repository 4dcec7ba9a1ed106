package io.rxflow.hub.api;

import io.rxflow.hub.intake.FhirFormat;
import io.rxflow.hub.intake.FhirWriters;
import io.rxflow.hub.support.HttpReplies;
import java.util.Date;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.hl7.fhir.r5.model.CapabilityStatement;
import org.hl7.fhir.r5.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r5.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r5.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r5.model.Enumerations;
import org.hl7.fhir.r5.model.Enumerations.CapabilityStatementKind;
import org.hl7.fhir.r5.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r5.model.Enumerations.PublicationStatus;
import org.springframework.stereotype.Component;

/** The FHIR read side: a stored MedicationRequest, and the CapabilityStatement saying what the hub does. */
@Component("fhirReads")
public class FhirReads {
    private final FhirWriters writers;
    private final StoredResources stored;
    private final CapabilityStatement capabilities;

    public FhirReads(FhirWriters writers, StoredResources stored) {
        this.writers = writers;
        this.stored = stored;
        this.capabilities = capabilities();
    }

    /** The row of {@code prescription-find.sql} as the MedicationRequest resource. */
    public void medicationRequest(@Body Map<String, Object> row, Exchange exchange) {
        var mr = stored.medicationRequest(row);
        FhirFormat format = IntakeResponses.requestedFormat(exchange);
        HttpReplies.reply(
                exchange.getMessage(),
                200,
                format.mediaType(),
                writers.of(format).encodeResourceToString(mr),
                null);
        exchange.getMessage().setHeader("ETag", "W/\"" + mr.getMeta().getVersionId() + "\"");
        // Browsers must take the answer as the FHIR type it says it is, never sniff it into HTML.
        exchange.getMessage().setHeader("X-Content-Type-Options", "nosniff");
    }

    public void metadata(Exchange exchange) {
        FhirFormat format = IntakeResponses.requestedFormat(exchange);
        HttpReplies.reply(
                exchange.getMessage(),
                200,
                format.mediaType(),
                writers.of(format).encodeResourceToString(capabilities),
                null);
    }

    private static CapabilityStatement capabilities() {
        var cs = new CapabilityStatement();
        cs.setStatus(PublicationStatus.ACTIVE);
        cs.setDate(new Date());
        cs.setKind(CapabilityStatementKind.INSTANCE);
        cs.setFhirVersion(FHIRVersion._5_0_0);
        cs.setName("RxFlowHub");
        cs.setTitle("RxFlow Hub prescription intake");
        cs.getSoftware().setName("RxFlow Hub");
        cs.addFormat("application/fhir+json").addFormat("application/fhir+xml");
        var rest = cs.addRest().setMode(RestfulCapabilityMode.SERVER);
        rest.getSecurity().setDescription("Every call needs an X-API-Key header; calls without a valid key get 401.");
        rest.addInteraction()
                .setCode(SystemRestfulInteraction.TRANSACTION)
                .setDocumentation(
                        "One MedicationRequest with the Patient, Practitioner, pharmacy Organization and Medication it"
                                + " references (urn:uuid or relative references); the other entries are stored as contained"
                                + " resources of the prescription");
        var mr = rest.addResource().setType("MedicationRequest");
        mr.addInteraction()
                .setCode(TypeRestfulInteraction.CREATE)
                .setDocumentation(
                        "The Patient, Practitioner, pharmacy Organization (dispenseRequest.dispenser) and Medication must be"
                                + " contained resources");
        mr.addInteraction().setCode(TypeRestfulInteraction.READ);
        mr.setVersioning(CapabilityStatement.ResourceVersionPolicy.VERSIONED);
        mr.setReadHistory(false);
        mr.setUpdateCreate(false);
        mr.setConditionalCreate(false);
        // The pharmacies' renewal and change requests (docs/conversation.md); answered through the API.
        var task = rest.addResource().setType("Task");
        task.addInteraction().setCode(TypeRestfulInteraction.READ);
        task.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
        task.addSearchParam().setName("status").setType(Enumerations.SearchParamType.TOKEN);
        return cs;
    }
}
