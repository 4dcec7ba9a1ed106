package io.rxflow.hub.mapping;

import static io.rxflow.hub.mapping.SigElements.number;
import static io.rxflow.hub.mapping.SigElements.snomed;
import static io.rxflow.hub.mapping.SigElements.unsupported;

import io.rxflow.hub.mapping.SigElements.NotExpressible;
import io.rxflow.hub.script.model.DosageType;
import io.rxflow.hub.script.model.DoseAdministrationType;
import io.rxflow.hub.script.model.DoseUnitOfMeasureType;
import io.rxflow.hub.script.model.DoseValueType;
import io.rxflow.hub.script.model.IndicationForUseType;
import io.rxflow.hub.script.model.InstructionType;
import io.rxflow.hub.script.model.SigCodeSystemType;
import io.rxflow.hub.script.model.SigType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r5.model.Dosage;
import org.hl7.fhir.r5.model.Dosage.DosageDoseAndRateComponent;
import org.hl7.fhir.r5.model.Quantity;
import org.hl7.fhir.r5.model.Range;

/**
 * The optional structured Sig (reference section 2): one Instruction per dosage line, joined with
 * MultipleInstructionModifier AND (same sequence) or THEN (a later one). All or nothing: when any line
 * has something the structured form cannot say exactly, no structured part is sent and SigText alone
 * carries the directions; that is never a refusal. Reasons name FHIR elements, never their values.
 */
final class StructuredSigMapper {
    static final int MAX_INSTRUCTIONS = 50;

    private StructuredSigMapper() {}

    /** The structured part, or the reason it is left out ({@code omittedBecause} non-null). */
    record Result(SigCodeSystemType codeSystem, List<Object> instructions, String omittedBecause) {
        static Result omitted(String reason) {
            return new Result(null, List.of(), reason);
        }

        boolean emitted() {
            return omittedBecause == null;
        }

        /** Adds CodeSystem and the instructions after SigText; nothing when omitted. */
        void applyTo(SigType sig) {
            if (emitted()) {
                sig.setCodeSystem(codeSystem);
                sig.getMultipleInstructionModifierAndInstruction().addAll(instructions);
            }
        }
    }

    static Result map(List<Dosage> lines) {
        List<Integer> order = SigMapper.order(lines);
        if (order == null) {
            return Result.omitted("MedicationRequest.dosageInstruction.sequence: set on some lines only");
        }
        if (lines.isEmpty() || lines.size() > MAX_INSTRUCTIONS) {
            return Result.omitted("MedicationRequest.dosageInstruction: 1 to 50 lines can be structured");
        }
        List<Object> out = new ArrayList<>();
        try {
            for (int k = 0; k < order.size(); k++) {
                int i = order.get(k);
                if (k > 0) {
                    out.add(SigMapper.concurrent(lines.get(order.get(k - 1)), lines.get(i)) ? "AND" : "THEN");
                }
                out.add(instruction(lines.get(i), "MedicationRequest.dosageInstruction[" + i + "]"));
            }
        } catch (NotExpressible e) {
            return Result.omitted(e.getMessage());
        }
        var codeSystem = new SigCodeSystemType();
        codeSystem.setSNOMEDVersion(SigCodes.SNOMED_VERSION);
        codeSystem.setFMTVersion(SigCodes.FMT_VERSION);
        return new Result(codeSystem, List.copyOf(out), null);
    }

    private static InstructionType instruction(Dosage d, String path) throws NotExpressible {
        unsupported(d.hasModifierExtension(), path + ".modifierExtension");
        unsupported(d.hasAdditionalInstruction(), path + ".additionalInstruction");
        unsupported(d.hasMaxDosePerPeriod(), path + ".maxDosePerPeriod");
        unsupported(d.hasMaxDosePerAdministration(), path + ".maxDosePerAdministration");
        unsupported(d.hasMaxDosePerLifetime(), path + ".maxDosePerLifetime");
        var instruction = new InstructionType();
        instruction.setDoseAdministration(doseAdministration(d, path));
        instruction.getMultipleTimingModifierAndTimingAndDuration().addAll(SigTimingMapper.map(d, path + ".timing"));
        if (d.hasAsNeededFor() || d.getAsNeeded()) {
            instruction.getIndicationForUse().add(asNeeded(d, path));
        }
        return instruction;
    }

    private static DoseAdministrationType doseAdministration(Dosage d, String path) throws NotExpressible {
        var admin = new DoseAdministrationType();
        if (d.hasMethod()) {
            admin.setDoseDeliveryMethod(snomed(d.getMethod(), path + ".method"));
        }
        admin.setDosage(dosage(d, path + ".doseAndRate"));
        if (!d.hasRoute()) {
            throw new NotExpressible(path + ".route: required for a structured Sig");
        }
        admin.setRouteOfAdministration(snomed(d.getRoute(), path + ".route"));
        if (d.hasSite()) {
            admin.setSiteOfAdministration(snomed(d.getSite(), path + ".site"));
        }
        return admin;
    }

    /** One dose: a quantity, or a range (RangeModifier TO) whose ends share one dose unit. */
    private static DosageType dosage(Dosage d, String path) throws NotExpressible {
        if (d.getDoseAndRate().size() != 1) {
            throw new NotExpressible(path + ": exactly one dose is required");
        }
        DosageDoseAndRateComponent dr = d.getDoseAndRate().get(0);
        unsupported(dr.hasRate(), path + "[0].rate[x]");
        var value = new DoseValueType();
        if (dr.hasDoseQuantity()) {
            Quantity q = dr.getDoseQuantity();
            value.setValue1(dose(q, path + "[0].doseQuantity"));
            value.setDoseUnitOfMeasure(unit(q, path + "[0].doseQuantity"));
        } else if (dr.hasDoseRange()) {
            Range range = dr.getDoseRange();
            value.setValue1(dose(range.getLow(), path + "[0].doseRange.low"));
            value.setRangeModifier("TO");
            value.setValue2(dose(range.getHigh(), path + "[0].doseRange.high"));
            value.setDoseUnitOfMeasure(unit(range.getLow(), path + "[0].doseRange.low"));
            DoseUnitOfMeasureType high = unit(range.getHigh(), path + "[0].doseRange.high");
            if (!high.getCode().equals(value.getDoseUnitOfMeasure().getCode())
                    || new BigDecimal(value.getValue1()).compareTo(new BigDecimal(value.getValue2())) >= 0) {
                throw new NotExpressible(path + "[0].doseRange: low and high need one unit and low below high");
            }
        } else {
            throw new NotExpressible(path + "[0].dose[x]: required for a structured Sig");
        }
        var dosage = new DosageType();
        dosage.setDoseValue(value);
        return dosage;
    }

    private static String dose(Quantity q, String path) throws NotExpressible {
        unsupported(q.hasComparator(), path + ".comparator");
        return number(q.getValue(), path + ".value");
    }

    private static DoseUnitOfMeasureType unit(Quantity q, String path) throws NotExpressible {
        DoseUnits.Unit unit = DoseUnits.of(q)
                .orElseThrow(() -> new NotExpressible(path + ": unit is not one of the hub's NCPDP dose units"));
        var out = new DoseUnitOfMeasureType();
        out.setText(unit.text());
        out.setQualifier(SigCodes.DOSE_UNIT_QUALIFIER);
        out.setCode(unit.code());
        return out;
    }

    /** PRN: the precursor "as needed for" and the one coded reason; a bare asNeeded has no Indication. */
    private static IndicationForUseType asNeeded(Dosage d, String path) throws NotExpressible {
        if (d.getAsNeededFor().size() != 1 || (d.hasAsNeeded() && !d.getAsNeeded())) {
            throw new NotExpressible(path + ".asNeededFor: exactly one coded reason is required for PRN");
        }
        var prn = new IndicationForUseType();
        prn.setIndicationPrecursor(snomed(SigCodes.AS_NEEDED_FOR));
        prn.setIndication(snomed(d.getAsNeededFor().get(0), path + ".asNeededFor[0]"));
        return prn;
    }
}
