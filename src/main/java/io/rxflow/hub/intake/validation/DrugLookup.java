package io.rxflow.hub.intake.validation;

import io.rxflow.hub.drugs.DrugTable;
import io.rxflow.hub.support.PrescriptionResources;
import java.util.Optional;
import org.hl7.fhir.r5.model.CodeableConcept;

/** An order's drug code and its DEA schedule, by the same rule the validator applies. */
public final class DrugLookup {
    private DrugLookup() {}

    /** Medication.code when a Medication was sent, else MedicationRequest.medication.concept. */
    public static CodeableConcept code(PrescriptionResources r) {
        return r.medication() != null
                ? r.medication().getCode()
                : r.medicationRequest().getMedication().getConcept();
    }

    /** The strictest schedule the drug table gives any of the order's codings; empty when not controlled. */
    public static Optional<String> deaSchedule(DrugTable table, PrescriptionResources r) {
        return MedicationRules.schedule(code(r).getCoding(), table);
    }
}
