package io.rxflow.hub.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxflow.hub.script.model.InstructionType;
import io.rxflow.hub.script.model.SigType;
import io.rxflow.hub.script.model.TimingAndDurationType;
import java.math.BigDecimal;
import java.util.List;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.Dosage;
import org.hl7.fhir.r5.model.Duration;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.Period;
import org.hl7.fhir.r5.model.Quantity;
import org.hl7.fhir.r5.model.Range;
import org.hl7.fhir.r5.model.Ratio;
import org.hl7.fhir.r5.model.Timing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When the structured Sig is sent and when SigText stays alone; the golden files pin the full output. */
class StructuredSigMapperTest {

    private static SigType sig(String scenario, NewRxMapper mapper) {
        MappingResult r = mapper.map(MappingFixtures.load(scenario), MappingFixtures.MESSAGE_ID, MappingFixtures.SENT);
        assertThat(r.violations()).isEmpty();
        return r.message().getBody().getNewRx().getMedicationPrescribed().getSig();
    }

    private static StructuredSigMapper.Result structured(String scenario) {
        return StructuredSigMapper.map(
                MappingFixtures.load(scenario).medicationRequest().getDosageInstruction());
    }

    /** One fully expressible line: 1 tablet by mouth once a day. */
    private static Dosage line() {
        var d = new Dosage();
        d.setText("Take 1 tablet by mouth once daily.");
        d.setRoute(snomed("26643006", "Oral route"));
        d.addDoseAndRate().setDose(tablets(1));
        d.getTiming().getRepeat().setFrequency(1).setPeriod(1).setPeriodUnit(Timing.UnitsOfTime.D);
        return d;
    }

    private static CodeableConcept snomed(String code, String display) {
        return new CodeableConcept(new Coding(SigCodes.SNOMED_SYSTEM, code, display));
    }

    private static Quantity tablets(double value) {
        return new Quantity()
                .setValue(value)
                .setSystem(QuantityUnits.ORDERABLE_DRUG_FORM)
                .setCode("TAB");
    }

    private static String reason(Dosage... lines) {
        var result = StructuredSigMapper.map(List.of(lines));
        assertThat(result.emitted()).as("structured Sig emitted").isFalse();
        return result.omittedBecause();
    }

    @Test
    void sendsTheStructuredSigAfterSigTextWhenTheDosageIsFullyExpressible() {
        SigType sig = sig("structured-sig-qd-tablet-oral", MappingFixtures.mapper());

        assertThat(sig.getSigText()).isEqualTo("Take 1 tablet by mouth once daily.");
        assertThat(sig.getCodeSystem().getSNOMEDVersion()).isEqualTo(SigCodes.SNOMED_VERSION);
        assertThat(sig.getMultipleInstructionModifierAndInstruction())
                .singleElement()
                .isInstanceOf(InstructionType.class);
    }

    @Test
    void settingOffSendsSigTextOnly() {
        var off = MappingFixtures.SETTINGS.withStructuredSig(false);

        SigType sig = sig("structured-sig-qd-tablet-oral", new NewRxMapper(off, MappingFixtures.DRUGS));

        assertThat(sig.getSigText()).isEqualTo("Take 1 tablet by mouth once daily.");
        assertThat(sig.getCodeSystem()).isNull();
        assertThat(sig.getMultipleInstructionModifierAndInstruction()).isEmpty();
    }

    @Test
    void joinsTaperLinesWithThenInSequenceOrderAndNoModifierBeforeTheFirst() {
        List<Object> parts = structured("structured-sig-taper-then").instructions();

        assertThat(parts).hasSize(3);
        assertThat(parts.get(0)).isInstanceOf(InstructionType.class);
        assertThat(parts.get(1)).isEqualTo("THEN");
        var first = (InstructionType) parts.get(0);
        assertThat(first.getDoseAdministration().getDosage().getDoseValue().getValue1())
                .isEqualTo("2");
    }

    @Test
    void joinsLinesOfTheSameSequenceWithAnd() {
        assertThat(structured("structured-sig-concurrent-and").instructions())
                .element(1)
                .isEqualTo("AND");
    }

    @Test
    void sendsFrequencyThenDurationAsTwoTimingElementsWithoutModifier() {
        var instruction = (InstructionType)
                structured("structured-sig-bid-duration").instructions().get(0);

        assertThat(instruction.getMultipleTimingModifierAndTimingAndDuration())
                .hasSize(2)
                .allMatch(TimingAndDurationType.class::isInstance);
    }

    @Test
    void sendsFrequencyAsTheValueOrRangeWithItsUnitOfTimeInside() {
        var instruction = (InstructionType)
                structured("structured-sig-bid-duration").instructions().get(0);
        var timing = (TimingAndDurationType)
                instruction.getMultipleTimingModifierAndTimingAndDuration().get(0);

        var value = timing.getFrequency().getFrequencyNumericValue();
        assertThat(value.getValue1()).isEqualTo("2");
        assertThat(value.getRangeModifier()).isNull();
        assertThat(value.getValueUnitOfMeasure().getCode()).isEqualTo("258703001");
    }

    @Test
    void sendsAPeriodRangeAsAnIntervalFromValue1ToValue2() {
        Dosage d = line();
        d.getTiming().getRepeat().setFrequency(1).setPeriod(4).setPeriodMax(6).setPeriodUnit(Timing.UnitsOfTime.H);

        var instruction = (InstructionType)
                StructuredSigMapper.map(List.of(d)).instructions().get(0);
        var timing = (TimingAndDurationType)
                instruction.getMultipleTimingModifierAndTimingAndDuration().get(0);

        var value = timing.getInterval().getIntervalValue();
        assertThat(List.of(value.getValue1(), value.getRangeModifier(), value.getValue2()))
                .containsExactly("4", "TO", "6");
        assertThat(value.getValueUnitOfMeasure().getText()).isEqualTo("hour");
    }

    @Test
    void omitsItForARangeNextToATimingCode() {
        Dosage d = line();
        d.getTiming().getRepeat().setFrequencyMax(2);
        d.getTiming().setCode(new CodeableConcept(new Coding(SigCodes.GTS_ABBREVIATION_SYSTEM, "QD", null)));

        assertThat(reason(d)).contains("with a timing code");
    }

    @Test
    void omitsItForARangeThatDoesNotRise() {
        Dosage d = line();
        d.getTiming().getRepeat().setFrequency(2).setFrequencyMax(2);

        assertThat(reason(d)).contains("upper end must be above");
    }

    @ParameterizedTest
    @CsvSource({
        "structured-dosing, .timing.repeat.when",
        "prn, .doseAndRate",
        "dose-range, .doseAndRate[0].doseRange.low",
        "rendered-dosage-instruction, .doseAndRate[0].doseQuantity",
        "text-only-sig, .doseAndRate",
        "structured-sig-text-only-uncoded-route, .route",
        "structured-sig-text-only-unmapped-unit, .doseAndRate[0].doseQuantity",
    })
    void keepsSigTextOnlyNamingTheElementThatHasNoStructuredForm(String scenario, String element) {
        var result = structured(scenario);

        assertThat(result.emitted()).isFalse();
        assertThat(result.omittedBecause())
                .startsWith("MedicationRequest.dosageInstruction[")
                .contains(element);
        assertThat(sig(scenario, MappingFixtures.mapper()).getCodeSystem()).isNull();
    }

    @Test
    void omitsItWhenAnyOneLineIsNotExpressible() {
        Dosage second = line();
        second.setSequence(2);
        second.setRoute(new CodeableConcept().setText("by mouth"));
        Dosage first = line();
        first.setSequence(1);

        assertThat(reason(first, second)).startsWith("MedicationRequest.dosageInstruction[1].route");
    }

    @Test
    void omitsItForLinesThatMixSequenceAndNoSequence() {
        Dosage second = line();
        second.setSequence(2);

        assertThat(reason(line(), second)).contains("sequence");
    }

    @Test
    void omitsItForABareAsNeededWithoutACodedReason() {
        Dosage d = line();
        d.setAsNeeded(true);

        assertThat(reason(d)).contains(".asNeededFor");
    }

    @Test
    void omitsItForAMaximumDose() {
        Dosage d = line();
        d.addMaxDosePerPeriod(new Ratio().setNumerator(tablets(4)).setDenominator(new Quantity(1)));

        assertThat(reason(d)).contains(".maxDosePerPeriod");
    }

    @Test
    void omitsItForARangeWhoseEndsHaveDifferentUnits() {
        Dosage d = line();
        d.getDoseAndRateFirstRep()
                .setDose(new Range()
                        .setLow(tablets(1))
                        .setHigh(new Quantity()
                                .setValue(2)
                                .setSystem(QuantityUnits.ORDERABLE_DRUG_FORM)
                                .setCode("CAP")));

        assertThat(reason(d)).contains(".doseRange");
    }

    @Test
    void omitsItWhenTimingCodeAndRepeatDisagree() {
        Dosage d = line();
        d.getTiming().setCode(new CodeableConcept(new Coding(SigCodes.GTS_ABBREVIATION_SYSTEM, "BID", null)));

        assertThat(reason(d)).contains(".timing: code and repeat disagree");
    }

    @Test
    void acceptsATimingCodeThatAgreesWithRepeat() {
        Dosage d = line();
        d.getTiming().setCode(new CodeableConcept(new Coding(SigCodes.GTS_ABBREVIATION_SYSTEM, "QD", null)));

        assertThat(StructuredSigMapper.map(List.of(d)).emitted()).isTrue();
    }

    @Test
    void omitsItForSeveralTimesInAPeriodLongerThanOneUnit() {
        Dosage d = line();
        d.getTiming().getRepeat().setFrequency(3).setPeriod(2);

        assertThat(reason(d)).contains(".timing.repeat");
    }

    @Test
    void omitsItForBoundsOtherThanADuration() {
        Dosage d = line();
        d.getTiming().getRepeat().setBounds(new Period());

        assertThat(reason(d)).contains(".timing.repeat.bounds[x]");
    }

    @Test
    void omitsItForADurationInMinutes() {
        Dosage d = line();
        d.getTiming()
                .getRepeat()
                .setBounds(new Duration()
                        .setValue(new BigDecimal(30))
                        .setSystem(SigCodes.UCUM_SYSTEM)
                        .setCode("min"));

        assertThat(reason(d)).contains(".timing.repeat.boundsDuration");
    }

    @Test
    void omitsItForMoreLinesThanSCRIPTHolds() {
        Dosage[] lines = new Dosage[StructuredSigMapper.MAX_INSTRUCTIONS + 1];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = line();
        }

        assertThat(reason(lines)).contains("1 to 50 lines");
    }

    @Test
    void neverRefusesAndNeverEchoesTheValueOfWhatItCannotCarry() {
        MedicationRequest mr =
                MappingFixtures.load("structured-sig-qd-tablet-oral").medicationRequest();
        mr.getDosageInstructionFirstRep().setRoute(snomed("26643006", "Voie orale \u00e9"));

        var result = StructuredSigMapper.map(mr.getDosageInstruction());
        var refusals = new Refusals();
        SigType sig = SigMapper.map(mr, refusals, true);

        assertThat(result.omittedBecause()).contains(".route").doesNotContain("Voie");
        assertThat(refusals.isEmpty()).isTrue();
        assertThat(sig.getSigText()).isEqualTo("Take 1 tablet by mouth once daily.");
        assertThat(sig.getCodeSystem()).isNull();
    }
}
