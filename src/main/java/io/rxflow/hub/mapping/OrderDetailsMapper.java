package io.rxflow.hub.mapping;

import io.rxflow.hub.script.model.MedicationPrescribedType;
import io.rxflow.hub.script.model.OtherMedicationDatesType;
import io.rxflow.hub.script.model.QuantityType;
import io.rxflow.hub.script.model.QuantityUnitOfMeasureType;
import io.rxflow.hub.script.model.SubstitutionsType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r5.model.Annotation;
import org.hl7.fhir.r5.model.BooleanType;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.Duration;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.MedicationRequest.MedicationRequestDispenseRequestComponent;
import org.hl7.fhir.r5.model.Quantity;

/** Quantity, days supply, dates, substitution, refills and note of MedicationPrescribed. */
final class OrderDetailsMapper {
    private static final String DISPENSE = "MedicationRequest.dispenseRequest";
    private static final String SUBSTANCE_ADMIN_SUBSTITUTION =
            "http://terminology.hl7.org/CodeSystem/v3-substanceAdminSubstitution";

    private OrderDetailsMapper() {}

    /** Fills the order-level elements; {@code schedule} (CII..CV or null) limits the refills. */
    static void map(MedicationRequest mr, String schedule, MedicationPrescribedType out, Refusals r) {
        MedicationRequestDispenseRequestComponent dispense = mr.getDispenseRequest();
        out.setQuantity(quantity(dispense, r));
        out.setDaysSupply(daysSupply(dispense, r));
        LocalDate written = ScriptDates.asAuthored(mr.getAuthoredOnElement());
        if (written == null) {
            r.add("MedicationRequest.authoredOn", "the date written (to the day) is required", "written-date");
        } else {
            out.setWrittenDate(ScriptDates.date(written));
            out.getOtherMedicationDates().addAll(validity(dispense, written, r));
        }
        out.setSubstitutions(SubstitutionCodes.map(mr, r));
        out.setNumberOfRefills(refills(dispense, schedule, r));
        out.setNote(note(mr, r));
    }

    private static QuantityType quantity(MedicationRequestDispenseRequestComponent dispense, Refusals r) {
        String path = DISPENSE + ".quantity";
        if (!dispense.hasQuantity() || !dispense.getQuantity().hasValue()) {
            r.missing(path, "The quantity to dispense");
            return null;
        }
        Quantity q = dispense.getQuantity();
        BigDecimal value = q.getValue();
        String unit = QuantityUnits.nciCode(q);
        if (unit == null) {
            r.add(
                    path,
                    "the unit has no NCPDP QuantityUnitOfMeasure equivalent (send an NCI, UCUM or orderableDrugForm code)",
                    "quantity-unit-unmapped");
        }
        String plain = value.signum() > 0 ? value.stripTrailingZeros().toPlainString() : null;
        if (plain == null) {
            r.add(path + ".value", "must be greater than zero", "quantity-value");
        } else if (plain.length() > 11) {
            r.add(path + ".value", "is longer than the SCRIPT limit of 11 characters", "length-exceeded");
        }
        if (unit == null || plain == null || plain.length() > 11) {
            return null;
        }
        var quantity = new QuantityType();
        quantity.setValue(plain);
        quantity.setCodeListQualifier("38"); // original quantity
        var uom = new QuantityUnitOfMeasureType();
        uom.setCode(unit);
        quantity.setQuantityUnitOfMeasure(uom);
        return quantity;
    }

    /** Whole days (weeks times 7); months are refused because their length is ambiguous. */
    private static String daysSupply(MedicationRequestDispenseRequestComponent dispense, Refusals r) {
        if (!dispense.hasExpectedSupplyDuration()) {
            return null;
        }
        Duration d = dispense.getExpectedSupplyDuration();
        String path = DISPENSE + ".expectedSupplyDuration";
        int factor = "d".equals(d.getCode()) ? 1 : "wk".equals(d.getCode()) ? 7 : 0;
        if (factor == 0 || !d.hasValue()) {
            r.add(path, "must be in days (d) or weeks (wk)", "days-supply-unit");
            return null;
        }
        BigDecimal days = d.getValue().multiply(BigDecimal.valueOf(factor));
        if (days.signum() <= 0
                || days.stripTrailingZeros().scale() > 0
                || days.compareTo(BigDecimal.valueOf(999)) > 0) {
            r.add(path, "must be a whole number of days from 1 to 999", "days-supply-range");
            return null;
        }
        return days.toBigInteger().toString();
    }

    /** validityPeriod: start becomes EffectiveDate only when later than the written date. */
    private static List<OtherMedicationDatesType> validity(
            MedicationRequestDispenseRequestComponent dispense, LocalDate written, Refusals r) {
        List<OtherMedicationDatesType> dates = new ArrayList<>();
        if (!dispense.hasValidityPeriod()) {
            return dates;
        }
        var period = dispense.getValidityPeriod();
        LocalDate start = ScriptDates.asAuthored(period.getStartElement());
        LocalDate end = ScriptDates.asAuthored(period.getEndElement());
        if ((period.hasStart() && start == null) || (period.hasEnd() && end == null)) {
            r.add(DISPENSE + ".validityPeriod", "dates must be precise to the day", "date-precision");
        }
        if (start != null && start.isAfter(written)) {
            dates.add(otherDate(start, "EffectiveDate"));
        }
        if (end != null) {
            dates.add(otherDate(end, "ExpirationDate"));
        }
        return dates;
    }

    private static OtherMedicationDatesType otherDate(LocalDate date, String qualifier) {
        var d = new OtherMedicationDatesType();
        d.setOtherMedicationDate(ScriptDates.date(date));
        d.setOtherMedicationDateQualifier(qualifier);
        return d;
    }

    /** Refills after the first fill; CII none (21 CFR 1306.12(a)), CIII-CIV at most 5 (1306.22). */
    private static String refills(MedicationRequestDispenseRequestComponent dispense, String schedule, Refusals r) {
        int refills = dispense.hasNumberOfRepeatsAllowed() ? dispense.getNumberOfRepeatsAllowed() : 0;
        String path = DISPENSE + ".numberOfRepeatsAllowed";
        if (refills > 99) {
            r.add(path, "SCRIPT carries at most 99 refills", "refills-range");
        } else if ("CII".equals(schedule) && refills > 0) {
            r.add(path, "schedule II prescriptions cannot be refilled (21 CFR 1306.12(a))", "refills-schedule-ii");
        } else if (("CIII".equals(schedule) || "CIV".equals(schedule)) && refills > 5) {
            r.add(
                    path,
                    "schedule III and IV prescriptions allow at most 5 refills (21 CFR 1306.22)",
                    "refills-schedule-iii-iv");
        }
        return Integer.toString(refills);
    }

    /** note[] and dispenserInstruction[] joined: both are what the prescriber tells the pharmacist. */
    private static String note(MedicationRequest mr, Refusals r) {
        List<String> parts = new ArrayList<>();
        for (Annotation a : mr.getNote()) {
            parts.add(a.getText());
        }
        for (Annotation a : mr.getDispenseRequest().getDispenserInstruction()) {
            parts.add(a.getText());
        }
        parts.removeIf(p -> p == null || p.isBlank());
        return parts.isEmpty() ? null : r.text(String.join(" ", parts), "MedicationRequest.note", 210);
    }

    /** substitution.allowed[x] (boolean or v3-substanceAdminSubstitution) to Substitutions. */
    static final class SubstitutionCodes {
        private SubstitutionCodes() {}

        static SubstitutionsType map(MedicationRequest mr, Refusals r) {
            var s = new SubstitutionsType();
            s.setSubstitutions("0");
            if (!mr.hasSubstitution() || !mr.getSubstitution().hasAllowed()) {
                return s;
            }
            String path = "MedicationRequest.substitution.allowed";
            if (mr.getSubstitution().getAllowed() instanceof BooleanType b) {
                s.setSubstitutions(b.booleanValue() ? "0" : "1");
                return s;
            }
            CodeableConcept cc = (CodeableConcept) mr.getSubstitution().getAllowed();
            String code = cc.getCoding().stream()
                    .filter(c -> SUBSTANCE_ADMIN_SUBSTITUTION.equals(c.getSystem()))
                    .map(c -> c.getCode())
                    .findFirst()
                    .orElse("");
            switch (code) {
                case "N" -> {
                    s.setSubstitutions("1");
                    s.setTherapeuticSubstitutionIndicator("1");
                }
                case "E", "EC", "BC", "G" -> s.setSubstitutions("0");
                case "TE", "TB", "TG" -> s.setTherapeuticSubstitutionIndicator("0");
                default -> r.add(
                        path, "must be a boolean or a v3-substanceAdminSubstitution code", "substitution-code");
            }
            return s;
        }
    }
}
