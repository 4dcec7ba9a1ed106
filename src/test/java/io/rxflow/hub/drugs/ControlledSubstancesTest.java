package io.rxflow.hub.drugs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ControlledSubstancesTest {
    private static final ControlledSubstances TABLE = ControlledSubstances.shipped();

    private static Optional<ControlledSubstances.Match> match(String text, String doseForm) {
        return TABLE.match(new DrugText(List.of(text), List.of(), doseForm));
    }

    private static Optional<DeaSchedule> schedule(String text) {
        return match(text, null)
                .orElseThrow(() -> new AssertionError("no match for " + text))
                .chosen();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            Acetaminophen 325 MG / Hydrocodone Bitartrate 5 MG Oral Tablet            | CII
            HYDROcodone-acetaminophen 10-325 MG tablet                                  | CII
            Norco 5-325 tablet                                                          | CII
            Oxycodone Hydrochloride 5 MG Oral Tablet                                    | CII
            Acetaminophen 300 MG / Codeine Phosphate 30 MG Oral Tablet                  | CIII
            codeine/APAP 300/30 tablet                                                  | CIII
            Tylenol with Codeine #3 tablet                                              | CIII
            Promethazine with codeine syrup                                             | CV
            Promethazine Hydrochloride 1.25 MG/ML / Codeine Phosphate 2 MG/ML Oral Solution | CV
            Acetaminophen 120 MG / Codeine Phosphate 12 MG per 5 ML Oral Solution       | CV
            Codeine Sulfate 30 MG Oral Tablet                                           | CII
            Acetaminophen 325 MG / Caffeine 30 MG / Dihydrocodeine Bitartrate 16 MG Oral Capsule | CIII
            Diphenoxylate Hydrochloride 2.5 MG / Atropine Sulfate 0.025 MG Oral Tablet  | CV
            Diphenoxylate hydrochloride 5 MG Oral Tablet                                | CII
            pregabalin 75 MG Oral Capsule                                               | CV
            Lyrica 150 mg capsule                                                       | CV
            lacosamide 50 MG Oral Tablet                                                | CV
            brivaracetam 25 MG Oral Tablet                                              | CV
            cenobamate 100 MG Oral Tablet                                               | CV
            ketamine hydrochloride 50 MG/ML Injectable Solution                         | CIII
            Testosterone Cypionate 200 MG/ML Injectable Solution                        | CIII
            Buprenorphine 8 MG / Naloxone 2 MG Sublingual Film                          | CIII
            dronabinol 2.5 MG Oral Capsule                                              | CIII
            dronabinol 5 MG/ML Oral Solution                                            | CII
            tramadol hydrochloride 50 MG Oral Tablet                                    | CIV
            carisoprodol 350 MG Oral Tablet                                             | CIV
            modafinil 200 MG Oral Tablet                                                | CIV
            Armodafinil 150 MG Oral Tablet                                              | CIV
            phentermine hydrochloride 37.5 MG Oral Capsule                              | CIV
            suvorexant 10 MG Oral Tablet                                                | CIV
            zolpidem tartrate 10 MG Oral Tablet                                         | CIV
            alprazolam 0.5 MG Oral Tablet                                               | CIV
            phenobarbital 32.4 MG Oral Tablet                                           | CIV
            Methylphenidate Hydrochloride 18 MG Extended Release Oral Tablet            | CII
            dextroamphetamine saccharate / amphetamine aspartate / dextroamphetamine sulfate / amphetamine sulfate 20 MG Oral Tablet | CII
            Serdexmethylphenidate 52.3 MG / Dexmethylphenidate 10.4 MG Oral Capsule     | CII
            """)
    void schedulesTheSubstancesPrescribersWrite(String text, DeaSchedule expected) {
        assertThat(schedule(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Acetaminophen 500 MG Oral Tablet",
                "Lisinopril 10 MG Oral Tablet",
                "Codeine-free cough syrup",
                "Guaifenesin 100 MG/5 ML syrup without codeine",
                "gabapentin 300 MG Oral Capsule",
                "naloxone 4 MG/ACTUAT Nasal Spray",
                "Hydroxyzine 25 MG Oral Tablet"
            })
    void findsNothingInDrugsThatAreNotControlled(String text) {
        assertThat(match(text, null)).isEmpty();
    }

    @Test
    void matchesWholeWordsOnly() {
        assertThat(match("Hydromorphone 2 MG Oral Tablet", null).orElseThrow().substances())
                .containsExactly("hydromorphone");
        assertThat(match("methyltestosterone 10 MG Oral Capsule", null)
                        .orElseThrow()
                        .substances())
                .containsExactly("methyltestosterone");
        assertThat(match("dihydrocodeine 16 MG", null).orElseThrow().substances())
                .containsExactly("dihydrocodeine");
    }

    @Test
    void leavesTheCodeineCombinationOpenWhenTheFormIsUnsaid() {
        var m = match("Acetaminophen and Codeine", null).orElseThrow();

        assertThat(m.possible()).isEqualTo(Set.of(Optional.of(DeaSchedule.CIII), Optional.of(DeaSchedule.CV)));
        assertThat(m.chosen()).contains(DeaSchedule.CIII);
    }

    @Test
    void readsTheFormFromTheDoseForm() {
        assertThat(match("promethazine and codeine", "Syrup").orElseThrow().chosen())
                .contains(DeaSchedule.CV);
        assertThat(match("acetaminophen and codeine", "TABLET").orElseThrow().chosen())
                .contains(DeaSchedule.CIII);
    }

    @Test
    void takesTheIngredientStrengthOverTheLimitAsTheStricterSchedule() {
        var overLimit = new DrugText(
                List.of("codeine combination"),
                List.of(
                        new DrugText.Ingredient("codeine phosphate", 150.0, null),
                        new DrugText.Ingredient("acetaminophen", 300.0, null)),
                "tablet");

        assertThat(TABLE.match(overLimit).orElseThrow().chosen()).contains(DeaSchedule.CII);
    }

    @Test
    void letsAnExemptedCombinationBeDeclaredUncontrolledButSendsItScheduled() {
        var m = match("Butalbital 50 MG / Acetaminophen 325 MG / Caffeine 40 MG Oral Tablet", null)
                .orElseThrow();

        assertThat(m.possible()).isEqualTo(Set.of(Optional.empty(), Optional.of(DeaSchedule.CIII)));
        assertThat(m.chosen()).contains(DeaSchedule.CIII);
    }

    @Test
    void refusesAMalformedTableWithItsLineNumber() {
        String csv = "substance,schedule,applies_to,limits,aliases,cfr\nfoo,CVI,any,,,x\n";

        assertThatThrownBy(() -> ControlledSubstances.load(
                        new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "t.csv"))
                .hasMessageContaining("t.csv:2");
    }
}
