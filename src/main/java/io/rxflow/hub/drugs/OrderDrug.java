package io.rxflow.hub.drugs;

import io.rxflow.hub.support.Ndc;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.Medication;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.Quantity;
import org.hl7.fhir.r5.model.Ratio;

/**
 * What an order says about its drug, read once: its NDC and RxNorm codings (with their FHIRPath),
 * the schedule it declares, and the words the controlled-substance table reads.
 */
record OrderDrug(
        String base,
        List<Coded> ndcs,
        List<Coded> rxcuis,
        List<DeclaredSchedule> declared,
        List<String> names,
        List<DrugText.Ingredient> ingredients,
        String doseForm) {
    static final String NDC = "http://hl7.org/fhir/sid/ndc";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

    /** A code of the order and the element it came from. */
    record Coded(String code, String expression) {}

    static OrderDrug read(MedicationRequest mr, Medication medication) {
        String base = medication != null ? "Medication.code" : "MedicationRequest.medication.concept";
        CodeableConcept code = medication != null
                ? medication.getCode()
                : mr.hasMedication() ? mr.getMedication().getConcept() : new CodeableConcept();
        List<Coded> ndcs = new ArrayList<>();
        List<Coded> rxcuis = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (code.hasText()) {
            names.add(code.getText());
        }
        for (int i = 0; i < code.getCoding().size(); i++) {
            Coding c = code.getCoding().get(i);
            String path = base + ".coding[" + i + "]";
            if (NDC.equals(c.getSystem())) {
                Ndc.toEleven(c.getCode()).ifPresent(n -> ndcs.add(new Coded(n, path)));
            } else if (RXNORM.equals(c.getSystem()) && c.hasCode()) {
                rxcuis.add(new Coded(c.getCode().strip(), path));
            }
            if (c.hasDisplay()) {
                names.add(c.getDisplay());
            }
        }
        List<DrugText.Ingredient> ingredients = new ArrayList<>();
        String doseForm = null;
        if (medication != null) {
            medication.getIngredient().forEach(i -> ingredient(i).ifPresent(ingredients::add));
            doseForm = text(medication.getDoseForm());
        }
        List<DeclaredSchedule> declared = DeclaredSchedule.read(mr, medication, code, base);
        return new OrderDrug(base, ndcs, rxcuis, declared, names, ingredients, doseForm);
    }

    /** The words and ingredients for the substance table, with more names (RxNorm's) when known. */
    DrugText text(List<String> moreNames) {
        List<String> all = new ArrayList<>(names);
        all.addAll(moreNames);
        return new DrugText(all, ingredients, doseForm);
    }

    private static java.util.Optional<DrugText.Ingredient> ingredient(Medication.MedicationIngredientComponent i) {
        String name = i.hasItem() && i.getItem().hasConcept() ? text(i.getItem().getConcept()) : null;
        if (name == null) {
            return Optional.empty();
        }
        Double perUnit = null;
        Double per100Ml = null;
        if (i.hasStrengthQuantity()) {
            perUnit = mg(i.getStrengthQuantity());
        } else if (i.hasStrengthRatio()) {
            Ratio r = i.getStrengthRatio();
            Double mg = mg(r.getNumerator());
            double per = r.getDenominator().hasValue()
                    ? r.getDenominator().getValue().doubleValue()
                    : 1;
            if (mg != null && per > 0) {
                if (isMl(r.getDenominator())) {
                    per100Ml = mg / per * 100;
                } else {
                    perUnit = mg / per;
                }
            }
        }
        return Optional.of(new DrugText.Ingredient(name, perUnit, per100Ml));
    }

    private static Double mg(Quantity q) {
        if (q == null || !q.hasValue()) {
            return null;
        }
        String unit = (q.hasCode() ? q.getCode() : q.getUnit() == null ? "" : q.getUnit()).toLowerCase(Locale.ROOT);
        double value = q.getValue().doubleValue();
        return switch (unit) {
            case "mg" -> value;
            case "ug", "mcg", "µg" -> value / 1000;
            case "g" -> value * 1000;
            default -> null;
        };
    }

    private static boolean isMl(Quantity q) {
        String unit = q.hasCode() ? q.getCode() : q.getUnit();
        return unit != null && unit.equalsIgnoreCase("ml");
    }

    private static String text(CodeableConcept c) {
        if (c == null || c.isEmpty()) {
            return null;
        }
        if (c.hasText()) {
            return c.getText();
        }
        return c.getCoding().stream()
                .filter(Coding::hasDisplay)
                .map(Coding::getDisplay)
                .findFirst()
                .orElse(null);
    }
}
