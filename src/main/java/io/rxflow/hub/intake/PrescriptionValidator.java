package io.rxflow.hub.intake;

import io.rxflow.hub.mapping.DrugTable;
import io.rxflow.hub.support.PrescriptionResources;
import io.rxflow.hub.support.Violation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Placeholder until the validator branch lands: checks intent only. */
public class PrescriptionValidator {
    public PrescriptionValidator(DrugTable drugs, Clock clock) {}

    public List<Violation> validate(PrescriptionResources r) {
        List<Violation> v = new ArrayList<>();
        if (r.medicationRequest().getIntent() == null) {
            v.add(new Violation("MedicationRequest.intent", "intent is required", "intent-missing"));
        }
        return v;
    }
}
