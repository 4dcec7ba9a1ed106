package io.rxflow.hub.api;

import java.util.Date;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;

/** What {@code /fhir/r4} does, and nothing more: R4 CapabilityStatement of the hub. */
final class R4Capabilities {
    private R4Capabilities() {}

    static CapabilityStatement statement() {
        var cs = new CapabilityStatement();
        cs.setStatus(PublicationStatus.ACTIVE);
        cs.setDate(new Date());
        cs.setKind(CapabilityStatementKind.INSTANCE);
        cs.setFhirVersion(FHIRVersion._4_0_1);
        cs.setName("RxFlowHubR4");
        cs.setTitle("RxFlow Hub prescription intake, FHIR R4");
        cs.setDescription("FHIR R4 (US Core-shaped) prescriptions are converted to FHIR R5 with HAPI's version"
                + " converter and handled exactly as R5 ones; refusals name the R4 element. US Core profiles are"
                + " not validated as such: the hub's own rules apply (docs/api.md).");
        cs.getSoftware().setName("RxFlow Hub");
        cs.addFormat("application/fhir+json").addFormat("application/fhir+xml");
        var rest = cs.addRest().setMode(RestfulCapabilityMode.SERVER);
        rest.getSecurity().setDescription("Every call needs an X-API-Key header; calls without a valid key get 401.");
        String bundle = "With one MedicationRequest, that is the prescription; with several (a whole patient record,"
                + " as Synthea writes it) each with intent 'order' and status 'active' is one and the others are"
                + " answered as ignored, with the reason. The Patient, Practitioner (or PractitionerRole with its"
                + " Practitioner), pharmacy Organization (dispenseRequest.performer) and Medication are found by"
                + " urn:uuid, absolute, relative, contained or conditional (Type?identifier=system|value)"
                + " reference: a conditional one within the Bundle, else, for a Practitioner or Organization, in"
                + " the hub's practitioner directory. An order with no dispenseRequest.performer is taken and held"
                + " (status routing_failed, no NewRx) until routed with POST /api/v1/prescriptions/{id}/route."
                + " Parties are stored as contained resources of the prescription; other entries are answered"
                + " as not kept. A Bundle of Practitioners and Organizations without a MedicationRequest"
                + " (Synthea's practitionerInformation and hospitalInformation) loads the practitioner"
                + " directory instead: each is stored under its identifiers (201 new, 200 replaced); nothing"
                + " else is kept. The response has one entry per request entry, in order.";
        rest.addInteraction()
                .setCode(SystemRestfulInteraction.TRANSACTION)
                .setDocumentation(bundle + " Every prescription is checked before any is stored.");
        rest.addInteraction()
                .setCode(SystemRestfulInteraction.BATCH)
                .setDocumentation(
                        bundle + " A batch is read like a transaction: one refused order refuses" + " the Bundle.");
        var mr = rest.addResource().setType("MedicationRequest");
        mr.addInteraction()
                .setCode(TypeRestfulInteraction.CREATE)
                .setDocumentation("medicationCodeableConcept or medicationReference; the Patient, Practitioner,"
                        + " pharmacy Organization (dispenseRequest.performer) and Medication must be contained");
        mr.addInteraction()
                .setCode(TypeRestfulInteraction.READ)
                .setDocumentation("The stored prescription converted back to R4, parties contained");
        mr.setVersioning(CapabilityStatement.ResourceVersionPolicy.VERSIONED);
        mr.setReadHistory(false);
        mr.setUpdateCreate(false);
        mr.setConditionalCreate(false);
        return cs;
    }
}
