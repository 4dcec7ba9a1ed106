package io.rxflow.hub.intake;

import io.rxflow.hub.support.PrescriptionResources;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.Reference;
import org.hl7.fhir.r5.model.Resource;

/**
 * The stored FHIR face of a prescription: its MedicationRequest with the patient, prescriber,
 * pharmacy and medication contained, under the hub's own id. This is what {@code GET
 * /fhir/r5/MedicationRequest/{id}} returns.
 */
final class ContainedForm {
    private ContainedForm() {}

    static MedicationRequest of(PrescriptionResources r, String id) {
        MedicationRequest mr = r.medicationRequest().copy();
        mr.setId(id);
        mr.getContained().clear();
        mr.setSubject(contain(mr, r.patient(), "patient"));
        mr.setRequester(contain(mr, r.practitioner(), "practitioner"));
        mr.getDispenseRequest().setDispenser(contain(mr, r.pharmacy(), "pharmacy"));
        if (r.medication() != null) {
            mr.getMedication().setReference(contain(mr, r.medication(), "medication"));
        }
        return mr;
    }

    private static Reference contain(MedicationRequest mr, Resource resource, String localId) {
        Resource copy = resource.copy();
        copy.setId(localId);
        mr.addContained(copy);
        return new Reference("#" + localId);
    }
}
