package io.rxflow.hub.intake.validation;

import io.rxflow.hub.drugs.DrugResolver;
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

    /** The order's schedule (CI..CV) from every source, as the validator settled it; empty when not controlled. */
    public static Optional<String> deaSchedule(DrugResolver drugs, PrescriptionResources r) {
        return drugs.resolve(r.medicationRequest(), r.medication()).schedule().map(Enum::name);
    }
}
