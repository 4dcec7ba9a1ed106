package io.rxflow.hub.mapping;

import io.rxflow.hub.drugs.DrugResolver;
import io.rxflow.hub.script.model.DrugCodedType;
import io.rxflow.hub.script.model.MedicationPrescribedType;
import io.rxflow.hub.script.model.ProductCodeType;
import io.rxflow.hub.script.model.StrengthType;
import java.math.BigDecimal;
import java.util.Set;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.CodeableReference;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.Medication;
import org.hl7.fhir.r5.model.Quantity;

/**
 * MedicationPrescribed's drug to a FHIR Medication: DrugDescription as the code's text, the NDC and the
 * RxNorm product codes as codings, the strength form as doseForm, the strength as the one ingredient's
 * strength, and the DEA schedule in the hub's extension, so the drug rules check it against the drug
 * table exactly as for a FHIR submission that declares one.
 */
final class ScriptDrugToFhir {
    private static final Set<String> RXNORM_QUALIFIERS = Set.of("SCD", "SBD", "GPK", "BPK");

    private ScriptDrugToFhir() {}

    static Medication medication(MedicationPrescribedType prescribed) {
        var m = new Medication();
        CodeableConcept code = m.getCode().setText(prescribed.getDrugDescription());
        DrugCodedType coded =
                prescribed.getProduct() == null ? null : prescribed.getProduct().getDrugCoded();
        if (coded == null) {
            return m;
        }
        if (coded.getNDC() != null) {
            code.addCoding().setSystem(MedicationMapper.NDC_SYSTEM).setCode(coded.getNDC());
        }
        for (ProductCodeType pc : coded.getProductCode()) {
            if (RXNORM_QUALIFIERS.contains(pc.getQualifier())) {
                code.addCoding().setSystem(MedicationMapper.RXNORM_SYSTEM).setCode(pc.getCode());
            }
        }
        strength(coded.getStrength(), prescribed.getDrugDescription(), m);
        if (coded.getDEASchedule() != null && coded.getDEASchedule().getCode() != null) {
            m.addExtension(
                    DrugResolver.DEA_SCHEDULE_EXTENSION,
                    new Coding(QuantityUnits.NCI_SYSTEM, coded.getDEASchedule().getCode(), null));
        }
        return m;
    }

    private static void strength(StrengthType s, String description, Medication m) {
        if (s == null) {
            return;
        }
        if (s.getStrengthForm() != null && s.getStrengthForm().getCode() != null) {
            m.getDoseForm()
                    .addCoding()
                    .setSystem(QuantityUnits.NCI_SYSTEM)
                    .setCode(s.getStrengthForm().getCode());
        }
        BigDecimal value = number(s.getStrengthValue());
        if (value != null) {
            var quantity = new Quantity().setValue(value);
            if (s.getStrengthUnitOfMeasure() != null) {
                quantity.setSystem(QuantityUnits.NCI_SYSTEM)
                        .setCode(s.getStrengthUnitOfMeasure().getCode());
            }
            m.addIngredient()
                    .setItem(new CodeableReference(new CodeableConcept().setText(description)))
                    .setIsActive(true)
                    .setStrength(quantity);
        }
    }

    /** StrengthValue is text (an1..70): "10", but also "5-325" for a combination; only a number maps. */
    private static BigDecimal number(String text) {
        if (text == null || !text.matches("[0-9]+(\\.[0-9]+)?")) {
            return null;
        }
        return new BigDecimal(text);
    }
}
