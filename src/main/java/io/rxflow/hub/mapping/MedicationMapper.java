package io.rxflow.hub.mapping;

import io.rxflow.hub.drugs.DeaSchedules;
import io.rxflow.hub.drugs.DrugResolution;
import io.rxflow.hub.drugs.DrugResolver;
import io.rxflow.hub.drugs.DrugTable;
import io.rxflow.hub.script.model.DEAScheduleType;
import io.rxflow.hub.script.model.DrugCodedType;
import io.rxflow.hub.script.model.ProductCodeType;
import io.rxflow.hub.script.model.StrengthFormType;
import io.rxflow.hub.script.model.StrengthType;
import io.rxflow.hub.script.model.StrengthUnitOfMeasureType;
import io.rxflow.hub.support.Ndc;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.Medication;
import org.hl7.fhir.r5.model.MedicationRequest;

/**
 * The drug: description, NDC (from the order, else the drug table's representative NDC for the RxNorm
 * code), RxNorm product code, strength and DEA schedule (FHIR R5 has no element for the schedule).
 */
final class MedicationMapper {
    static final String NDC_SYSTEM = "http://hl7.org/fhir/sid/ndc";
    static final String RXNORM_SYSTEM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private static final Map<String, String> TTY_QUALIFIER =
            Map.of("SCD", "SCD", "SBD", "SBD", "GPCK", "GPK", "BPCK", "BPK");

    /** The mapped drug; {@code schedule} is the table's CI..CV or null when not controlled. */
    record MappedDrug(String description, DrugCodedType coded, String schedule) {
        boolean controlled() {
            return schedule != null;
        }
    }

    private final DrugTable drugs;
    private final DrugResolver resolver;

    MedicationMapper(DrugTable drugs, DrugResolver resolver) {
        this.drugs = drugs;
        this.resolver = resolver;
    }

    MappedDrug map(MedicationRequest mr, Medication medication, Refusals r) {
        String base = medication != null ? "Medication.code" : "MedicationRequest.medication.concept";
        CodeableConcept code =
                medication != null ? medication.getCode() : mr.getMedication().getConcept();
        if (!code.hasCoding()) {
            if (medication != null && medication.hasIngredient()) {
                // A compound defined by its ingredients needs CompoundInformation, which the hub does not map yet.
                r.add(
                        "Medication.ingredient",
                        "compounds defined only by ingredients are not supported yet",
                        "compound-not-supported");
            } else {
                r.add(base + ".coding", "the drug must be coded with an NDC or an RxNorm code", "drug-not-coded");
            }
            return null;
        }
        Codes codes = codes(code, base, r);
        Optional<DrugTable.Drug> byNdc = codes.ndc11() == null ? Optional.empty() : drugs.find(codes.ndc11(), null);
        Optional<DrugTable.Drug> byRxcui = codes.rxcui() == null ? Optional.empty() : drugs.find(null, codes.rxcui());
        // Schedule, representative NDC and term type from every source (io.rxflow.hub.drugs).
        DrugResolution resolution = resolver.resolve(mr, medication);
        var coded = new DrugCodedType();
        coded.setNDC(
                codes.ndc11() != null
                        ? codes.ndc11()
                        : resolution.representativeNdc().orElse(null));
        if (coded.getNDC() == null && !codes.ndcInvalid()) {
            r.add(
                    base,
                    "no NDC in the order and its RxNorm code is not in the drug table: SCRIPT 2023011 requires an NDC",
                    "ndc-unobtainable");
        }
        resolution.termType().map(tty -> productCode(codes.rxcui(), tty)).ifPresent(coded.getProductCode()::add);
        Optional<DrugTable.Drug> row = byNdc.or(() -> byRxcui);
        row.map(MedicationMapper::strength).ifPresent(coded::setStrength);
        resolution.problems().forEach(p -> r.add(p.expression(), p.message(), p.code()));
        String schedule = resolution.schedule().map(Enum::name).orElse(null);
        if ("CI".equals(schedule)) {
            // Schedule I substances have no accepted medical use: no pharmacy may fill such an order.
            r.add(
                    base,
                    "the drug is DEA schedule I by " + resolution.source() + ", which cannot be prescribed",
                    "schedule-i");
        } else if (schedule != null) {
            var dea = new DEAScheduleType();
            dea.setCode(DeaSchedules.nciCode(schedule));
            coded.setDEASchedule(dea);
        }
        String description = description(code, codes, row, base, r);
        return new MappedDrug(description, coded, schedule);
    }

    private record Codes(String ndc11, Coding ndc, Coding rxnorm, boolean ndcInvalid) {
        String rxcui() {
            return rxnorm == null ? null : rxnorm.getCode();
        }
    }

    private static Codes codes(CodeableConcept code, String base, Refusals r) {
        Coding ndc = null;
        Coding rxnorm = null;
        String ndc11 = null;
        boolean invalid = false;
        for (int i = 0; i < code.getCoding().size(); i++) {
            Coding c = code.getCoding().get(i);
            if (NDC_SYSTEM.equals(c.getSystem()) && ndc == null) {
                ndc = c;
                ndc11 = Ndc.toEleven(c.getCode()).orElse(null);
                if (ndc11 == null) {
                    invalid = true;
                    r.add(
                            base + ".coding[" + i + "].code",
                            "is not an NDC in a known layout (4-4-2, 5-3-2, 5-4-1 hyphenated, or 11 digits)",
                            "ndc-format");
                }
            } else if (RXNORM_SYSTEM.equals(c.getSystem()) && rxnorm == null) {
                rxnorm = c;
            }
        }
        return new Codes(ndc11, ndc, rxnorm, invalid);
    }

    /** Only the term types SCRIPT has a qualifier for; an unknown TTY means no ProductCode. */
    private static ProductCodeType productCode(String rxcui, String tty) {
        String qualifier = TTY_QUALIFIER.get(tty);
        if (qualifier == null) {
            return null;
        }
        var pc = new ProductCodeType();
        pc.setCode(rxcui);
        pc.setQualifier(qualifier);
        return pc;
    }

    private static StrengthType strength(DrugTable.Drug d) {
        if (d.strengthValue().isEmpty()
                && d.strengthForm().isEmpty()
                && d.strengthUnit().isEmpty()) {
            return null;
        }
        var s = new StrengthType();
        s.setStrengthValue(d.strengthValue().isEmpty() ? null : d.strengthValue());
        if (!d.strengthForm().isEmpty()) {
            var form = new StrengthFormType();
            form.setCode(d.strengthForm());
            s.setStrengthForm(form);
        }
        if (!d.strengthUnit().isEmpty()) {
            var unit = new StrengthUnitOfMeasureType();
            unit.setCode(d.strengthUnit());
            s.setStrengthUnitOfMeasure(unit);
        }
        return s;
    }

    private static String description(
            CodeableConcept code, Codes codes, Optional<DrugTable.Drug> row, String base, Refusals r) {
        if (code.hasText()) {
            return r.text(code.getText(), base + ".text", 105);
        }
        for (Coding c : new Coding[] {codes.ndc(), codes.rxnorm()}) {
            if (c != null && c.hasDisplay()) {
                int i = code.getCoding().indexOf(c);
                return r.text(c.getDisplay(), base + ".coding[" + i + "].display", 105);
            }
        }
        if (row.isPresent() && !row.get().description().isEmpty()) {
            return r.text(row.get().description(), base, 105);
        }
        r.missing(base + ".text", "A drug description");
        return null;
    }
}
