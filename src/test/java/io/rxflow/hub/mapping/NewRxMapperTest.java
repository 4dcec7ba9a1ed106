package io.rxflow.hub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxflow.hub.script.model.DrugCodedType;
import io.rxflow.hub.script.model.MedicationPrescribedType;
import io.rxflow.hub.support.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Behaviours of the mapper stated directly, next to the golden files that pin the whole output. */
class NewRxMapperTest {
    private static final NewRxMapper MAPPER = MappingFixtures.mapper();

    private static MedicationPrescribedType medication(String scenario) {
        MappingResult r = MAPPER.map(MappingFixtures.load(scenario), MappingFixtures.MESSAGE_ID, MappingFixtures.SENT);
        assertThat(r.violations()).isEmpty();
        return r.message().getBody().getNewRx().getMedicationPrescribed();
    }

    @Test
    void mapsRxNormOnlyOrderToTableNdc() {
        DrugCodedType coded = medication("rxnorm-only").getProduct().getDrugCoded();

        assertThat(coded.getNDC())
                .isEqualTo(
                        MappingFixtures.DRUGS.find(null, "197901").orElseThrow().ndc11());
        assertThat(coded.getProductCode()).singleElement().satisfies(pc -> {
            assertThat(pc.getCode()).isEqualTo("197901");
            assertThat(pc.getQualifier()).isEqualTo("SCD");
        });
    }

    @ParameterizedTest
    @CsvSource({"ndc-4-4-2,00574407205", "ndc-5-3-2,51655008952", "ndc-5-4-1,58118139703", "ndc-11-digit,00093315805"})
    void normalisesEachNdcLayoutToElevenDigits(String scenario, String expected) {
        assertThat(medication(scenario).getProduct().getDrugCoded().getNDC()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"schedule-ii,C48675", "schedule-iii,C48676", "schedule-iv,C48677", "schedule-v,C48679"})
    void carriesDeaScheduleFromTheDrugTable(String scenario, String nciCode) {
        assertThat(medication(scenario)
                        .getProduct()
                        .getDrugCoded()
                        .getDEASchedule()
                        .getCode())
                .isEqualTo(nciCode);
    }

    @Test
    void omitsDeaScheduleForANonControlledDrug() {
        assertThat(medication("text-only-sig").getProduct().getDrugCoded().getDEASchedule())
                .isNull();
    }

    @Test
    void keepsTheAuthoredDateInsteadOfShiftingItToUtc() {
        // 21:30 in UTC-6 is already the next day in UTC; the prescription was written on the 15th.
        assertThat(medication("written-date-local-evening")
                        .getWrittenDate()
                        .getDate()
                        .toXMLFormat())
                .isEqualTo("2026-01-15");
    }

    @Test
    void joinsTaperLinesInSequenceOrderNotListOrder() {
        assertThat(medication("multi-line-taper").getSig().getSigText())
                .startsWith("Take 4 tablets")
                .containsSubsequence("4 tablets", "; then 2 tablets", "; then 1 tablet");
    }

    @Test
    void prefersRenderedDosageInstructionOverLineTexts() {
        assertThat(medication("rendered-dosage-instruction").getSig().getSigText())
                .isEqualTo("Take 2 tablets by mouth on day 1, then 1 tablet by mouth once daily.");
    }

    @Test
    void convertsWeeksOfSupplyToDays() {
        assertThat(medication("medication-concept-inline").getDaysSupply()).isEqualTo("14");
    }

    @Test
    void mapsSubstitutionCodeNToDispenseAsWrittenWithoutTherapeuticInterchange() {
        var s = medication("substitution-code-n").getSubstitutions();

        assertThat(s.getSubstitutions()).isEqualTo("1");
        assertThat(s.getTherapeuticSubstitutionIndicator()).isEqualTo("1");
    }

    @Test
    void refusalMessagesNeverEchoTheOffendingValue() {
        MappingResult r = MAPPER.map(
                MappingFixtures.load("refuse-non-ascii-patient-name"),
                MappingFixtures.MESSAGE_ID,
                MappingFixtures.SENT);

        assertThat(r.violations()).extracting(Violation::message).noneMatch(m -> m.contains("JOS"));
    }

    @Test
    void rejectsAMessageIdScriptCannotCarry() {
        assertThatThrownBy(() -> MAPPER.map(
                        MappingFixtures.load("text-only-sig"),
                        "6f1c2d3e-4a5b-4c6d-8e9f-00112233aabc-too-long",
                        MappingFixtures.SENT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
