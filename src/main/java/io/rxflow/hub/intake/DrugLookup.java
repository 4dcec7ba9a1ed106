package io.rxflow.hub.intake;

import io.rxflow.hub.mapping.DrugTable;
import io.rxflow.hub.support.Ndc;
import io.rxflow.hub.support.PrescriptionResources;
import java.util.Optional;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.Coding;

/** Finds an order's drug in the drug table by any of its NDC or RxNorm codings. */
final class DrugLookup {
    static final String NDC_SYSTEM = "http://hl7.org/fhir/sid/ndc";
    static final String RXNORM_SYSTEM = "http://www.nlm.nih.gov/research/umls/rxnorm";

    private DrugLookup() {}

    /** The medication's code: Medication.code when a Medication was sent, else MedicationRequest.medication.concept. */
    static CodeableConcept code(PrescriptionResources r) {
        return r.medication() != null
                ? r.medication().getCode()
                : r.medicationRequest().getMedication().getConcept();
    }

    static Optional<DrugTable.Drug> find(DrugTable table, PrescriptionResources r) {
        for (Coding c : code(r).getCoding()) {
            Optional<DrugTable.Drug> found = Optional.empty();
            if (NDC_SYSTEM.equals(c.getSystem())) {
                found = Ndc.toEleven(c.getCode()).flatMap(ndc -> table.find(ndc, null));
            } else if (RXNORM_SYSTEM.equals(c.getSystem())) {
                found = table.find(null, c.getCode());
            }
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
