package io.rxflow.hub.mapping;

import io.rxflow.hub.script.model.DateType;
import io.rxflow.hub.script.model.DiagnosisType;
import io.rxflow.hub.script.model.MedicationPrescribedType;
import io.rxflow.hub.script.model.OtherMedicationDatesType;
import io.rxflow.hub.script.model.QuantityType;
import io.rxflow.hub.script.model.SubstitutionsType;
import java.math.BigDecimal;
import org.hl7.fhir.r5.model.Annotation;
import org.hl7.fhir.r5.model.BooleanType;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.CodeableReference;
import org.hl7.fhir.r5.model.DateTimeType;
import org.hl7.fhir.r5.model.Duration;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.MedicationRequest.MedicationRequestDispenseRequestComponent;
import org.hl7.fhir.r5.model.Quantity;

/** The order part of MedicationPrescribed: quantity, supply, dates, substitution, refills, diagnoses, note, Sig. */
final class ScriptOrderToFhir {
    private static final String SUBSTITUTION = "http://terminology.hl7.org/CodeSystem/v3-substanceAdminSubstitution";

    private ScriptOrderToFhir() {}

    static void map(MedicationPrescribedType p, MedicationRequest mr) {
        MedicationRequestDispenseRequestComponent dispense = mr.getDispenseRequest();
        quantity(p.getQuantity(), dispense);
        if (p.getDaysSupply() != null) {
            dispense.setExpectedSupplyDuration((Duration) new Duration()
                    .setValue(new BigDecimal(p.getDaysSupply()))
                    .setUnit("days")
                    .setSystem(QuantityUnits.UCUM_SYSTEM)
                    .setCode("d"));
        }
        if (p.getWrittenDate() != null) {
            mr.setAuthoredOnElement(dateTime(p.getWrittenDate()));
        }
        substitution(p.getSubstitutions(), mr);
        if (p.getNumberOfRefills() != null) {
            dispense.setNumberOfRepeatsAllowed(Integer.parseInt(p.getNumberOfRefills()));
        }
        for (DiagnosisType d : p.getDiagnosis()) {
            mr.addReason(diagnosis(d));
        }
        if (p.getNote() != null) {
            mr.addNote(new Annotation().setText(p.getNote()));
        }
        for (OtherMedicationDatesType d : p.getOtherMedicationDates()) {
            switch (String.valueOf(d.getOtherMedicationDateQualifier())) {
                case "EffectiveDate" -> dispense.getValidityPeriod()
                        .setStartElement(dateTime(d.getOtherMedicationDate()));
                case "ExpirationDate" -> dispense.getValidityPeriod()
                        .setEndElement(dateTime(d.getOtherMedicationDate()));
                default -> {
                    // Other dates (e.g. NextEstimatedRefillDate) describe fills, not the order.
                }
            }
        }
        if (p.getSig() != null && p.getSig().getSigText() != null) {
            // SigText is the legal direction for use: carried word for word, never rebuilt from structure.
            mr.setRenderedDosageInstruction(p.getSig().getSigText());
            mr.addDosageInstruction().setText(p.getSig().getSigText());
        }
    }

    private static void quantity(QuantityType q, MedicationRequestDispenseRequestComponent dispense) {
        if (q == null || q.getValue() == null) {
            return;
        }
        var quantity = new Quantity().setValue(new BigDecimal(q.getValue()));
        if (q.getQuantityUnitOfMeasure() != null) {
            quantity.setSystem(QuantityUnits.NCI_SYSTEM)
                    .setCode(q.getQuantityUnitOfMeasure().getCode());
        }
        dispense.setQuantity(quantity);
    }

    /** Date stays a date (never shifted by a zone); DateTime keeps its instant. */
    static DateTimeType dateTime(DateType d) {
        if (d.getDate() != null) {
            return new DateTimeType(d.getDate().toXMLFormat().substring(0, 10));
        }
        return d.getDateTime() == null ? null : new DateTimeType(d.getDateTime().toXMLFormat());
    }

    /** The inverse of NewRxMapper's substitution rule: 1 (dispense as written) is allowed false. */
    private static void substitution(SubstitutionsType s, MedicationRequest mr) {
        if (s == null) {
            return;
        }
        boolean asWritten = "1".equals(s.getSubstitutions());
        String therapeutic = s.getTherapeuticSubstitutionIndicator();
        var sub = mr.getSubstitution();
        if (asWritten && "1".equals(therapeutic)) {
            sub.setAllowed(coded("N"));
        } else if (asWritten) {
            sub.setAllowed(new BooleanType(false));
        } else if ("0".equals(therapeutic)) {
            sub.setAllowed(coded("TE"));
        } else if ("1".equals(therapeutic)) {
            sub.setAllowed(coded("G"));
        } else {
            sub.setAllowed(new BooleanType(true));
        }
    }

    private static CodeableConcept coded(String code) {
        return new CodeableConcept().addCoding(new org.hl7.fhir.r5.model.Coding(SUBSTITUTION, code, null));
    }

    /** ABF is ICD-10-CM (written with its dot in FHIR: E1169 is E11.69), LD SNOMED CT. */
    private static CodeableReference diagnosis(DiagnosisType d) {
        var concept = new CodeableConcept().setText(d.getDescription());
        String value = d.getValue();
        switch (String.valueOf(d.getQualifier())) {
            case "ABF" -> concept.addCoding()
                    .setSystem(DiagnosisMapper.ICD10CM)
                    .setCode(
                            value.length() > 3 && !value.contains(".")
                                    ? value.substring(0, 3) + "." + value.substring(3)
                                    : value)
                    .setDisplay(d.getDescription());
            case "LD" -> concept.addCoding()
                    .setSystem(DiagnosisMapper.SNOMED)
                    .setCode(value)
                    .setDisplay(d.getDescription());
            default -> {
                // Another code system (e.g. DX, ICD-9): the description still says what it is.
            }
        }
        return new CodeableReference(concept);
    }
}
