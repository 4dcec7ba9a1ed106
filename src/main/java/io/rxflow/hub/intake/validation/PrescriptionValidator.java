package io.rxflow.hub.intake.validation;

import io.rxflow.hub.drugs.DrugResolver;
import io.rxflow.hub.drugs.DrugTable;
import io.rxflow.hub.support.PrescriptionResources;
import io.rxflow.hub.support.Violation;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a FHIR R5 prescription can become a NewRx: identifiers, controlled-substance rules,
 * the order itself and SCRIPT's text limits. Reports every problem at once so the EHR can fix them in
 * one round trip; messages name the element and never repeat its value, so they are safe to log.
 */
public final class PrescriptionValidator {
    private final DrugResolver drugs;
    private final Clock clock;

    /** The drug table (and the shipped controlled-substance table) supply DEA schedules. */
    public PrescriptionValidator(DrugTable drugs, Clock clock) {
        this(DrugResolver.withStarter(Objects.requireNonNull(drugs, "drugs")), clock);
    }

    /** The resolver supplies DEA schedules; the clock decides what "in the future" means. */
    public PrescriptionValidator(DrugResolver drugs, Clock clock) {
        this.drugs = Objects.requireNonNull(drugs, "drugs");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** All violations of the prescription; an empty list means it may be mapped and sent. */
    public List<Violation> validate(PrescriptionResources r) {
        var findings = new Findings();
        if (r.medicationRequest() == null) {
            missing("MedicationRequest", findings);
            return findings.list();
        }
        DecimalBounds.check(r, findings);
        NarrativeRules.check(r, findings);
        Optional<String> schedule = MedicationRules.check(r.medicationRequest(), r.medication(), drugs, findings);
        OrderRules.check(r.medicationRequest(), schedule, clock, findings);
        OrderTextRules.check(r.medicationRequest(), findings);
        if (r.patient() == null) {
            missing("Patient", findings);
        } else {
            PatientRules.check(r.patient(), clock, findings);
        }
        if (r.practitioner() == null) {
            missing("Practitioner", findings);
        } else {
            PrescriberRules.check(r.practitioner(), schedule.isPresent(), findings);
        }
        if (r.pharmacy() == null) {
            missing("Organization", findings);
        } else {
            PharmacyRules.check(r.pharmacy(), findings);
        }
        return findings.list();
    }

    // Parsing normally catches a missing part first; this keeps the validator total for other callers.
    private static void missing(String resource, Findings findings) {
        findings.add(resource, Rule.RESOURCE_MISSING, "the prescription has no " + resource);
    }
}
