package io.rxflow.hub.drugs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.CodeableReference;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.Medication;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.Quantity;
import org.hl7.fhir.r5.model.Ratio;
import org.junit.jupiter.api.Test;

class DrugResolverTest {
    private static final String NDC = "http://hl7.org/fhir/sid/ndc";
    private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private static final String V2_0477 = "http://terminology.hl7.org/CodeSystem/v2-0477";
    private static final String NCI = "http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl";
    private static final String EXT = "Medication.extension('" + DrugResolver.DEA_SCHEDULE_EXTENSION + "')";

    /** A starter drug table of two rows, as the operator's drugs.csv gives them. */
    private static final ProductTable STARTER = new ProductTable() {
        private final Map<String, Product> rows = Map.of(
                "00406055201",
                        new Product("00406055201", "1049621", "SCD", "Oxycodone HCl 5 MG Oral Tablet", DeaSchedule.CII),
                "99901010101", new Product("99901010101", "", "", "APAP/codeine", DeaSchedule.CIV));

        @Override
        public Optional<Product> byNdc(String ndc11) {
            return Optional.ofNullable(rows.get(ndc11));
        }

        @Override
        public Optional<Product> byRxcui(String rxcui) {
            return rows.values().stream().filter(p -> p.rxcui().equals(rxcui)).findFirst();
        }
    };

    private static DrugResolver resolver(UnknownDrugPolicy policy) throws Exception {
        return DrugResolver.builder()
                .starter(STARTER)
                .fdaProductFile(Path.of(DrugResolverTest.class
                        .getResource(FdaProductDirectoryTest.PRODUCT_TXT)
                        .toURI()))
                .rxnormDir(RxNormProductsTest.sampleDir())
                .unknownDrugPolicy(policy)
                .build();
    }

    private static Medication medication(String text, Coding... codings) {
        var m = new Medication();
        m.setCode(new CodeableConcept().setText(text));
        for (Coding c : codings) {
            m.getCode().addCoding(c);
        }
        return m;
    }

    private static DrugResolution resolve(DrugResolver r, Medication m) {
        return r.resolve(new MedicationRequest(), m);
    }

    @Test
    void schedulesHydrocodoneAcetaminophenWithAnUnlistedNdcAsScheduleII() {
        var m = medication(
                "Hydrocodone Bitartrate and Acetaminophen Tablets 5 mg/325 mg",
                new Coding(NDC, "0591-0385-01", "HYDROCODONE BITARTRATE AND ACETAMINOPHEN tablet"));

        var res = resolve(DrugResolver.withStarter(STARTER), m);

        assertThat(res.schedule()).contains(DeaSchedule.CII);
        assertThat(res.source()).contains("controlled-substance table (hydrocodone)");
        assertThat(res.found()).isTrue();
        assertThat(res.problems()).isEmpty();
    }

    @Test
    void takesTheScheduleOfTheFdaListingOfTheProduct() throws Exception {
        var res = resolve(
                resolver(UnknownDrugPolicy.REFUSE), medication("Alprazolam", new Coding(NDC, "0999-2002-05", null)));

        assertThat(res.schedule()).contains(DeaSchedule.CIV);
        assertThat(res.source()).isEqualTo("the FDA NDC Directory (product 00999-2002)");
    }

    @Test
    void refusesADeclaredScheduleTheTablesContradictNamingBothValues() throws Exception {
        var m = medication("Hydrocodone/APAP", new Coding(NDC, "00999100101", null));
        m.addExtension(DrugResolver.DEA_SCHEDULE_EXTENSION, new Coding(V2_0477, "III", null));

        var res = resolve(resolver(UnknownDrugPolicy.REFUSE), m);

        assertThat(res.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(DrugResolution.CONFLICT);
            assertThat(p.expression()).isEqualTo(EXT);
            assertThat(p.message())
                    .contains("CIII (C48676)")
                    .contains("CII (C48675)")
                    .contains("FDA NDC Directory (product 00999-1001)")
                    .contains("Medication.code.coding[0]");
        });
    }

    @Test
    void acceptsADeclaredScheduleThatAgreesAsAnNciCoding() throws Exception {
        var m = medication("Pregabalin 75 mg", new Coding(NDC, "99904-0210-30", null), new Coding(NCI, "C48679", "CV"));

        var res = resolve(resolver(UnknownDrugPolicy.REFUSE), m);

        assertThat(res.problems()).isEmpty();
        assertThat(res.schedule()).contains(DeaSchedule.CV);
    }

    @Test
    void refusesAStateScheduleOrAnUnknownCode() {
        var m = medication("Gabapentin 300 MG", new Coding(V2_0477, "VI", null));
        var res = resolve(DrugResolver.withStarter(STARTER), m);

        assertThat(res.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(DrugResolution.INVALID);
            assertThat(p.expression()).isEqualTo("Medication.code.coding[0]");
            assertThat(p.message()).contains("v2-0477 VI");
        });
    }

    @Test
    void takesTheDeclaredScheduleOfADrugNoTableKnows() {
        var m = medication("Investigational product 10 mg");
        m.addExtension(DrugResolver.DEA_SCHEDULE_EXTENSION, new CodeableConcept(new Coding(NCI, "C48676", null)));

        var res = resolve(
                DrugResolver.builder()
                        .unknownDrugPolicy(UnknownDrugPolicy.REFUSE)
                        .build(),
                m);

        assertThat(res.problems()).isEmpty();
        assertThat(res.schedule()).contains(DeaSchedule.CIII);
        assertThat(res.found()).isFalse();
    }

    @Test
    void refusesAnUnknownDrugOnlyUnderTheRefusePolicy() throws Exception {
        var m = medication("Zetaprofen 10 mg tablet", new Coding(NDC, "12345-6789-01", null));

        var refused = resolve(resolver(UnknownDrugPolicy.REFUSE), m);
        var sent = resolve(resolver(UnknownDrugPolicy.SEND_UNCONTROLLED), m);

        assertThat(refused.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(DrugResolution.UNKNOWN);
            assertThat(p.expression()).isEqualTo("Medication.code");
        });
        assertThat(sent.problems()).isEmpty();
        assertThat(sent.schedule()).isEmpty();
        assertThat(sent.found()).isFalse();
    }

    @Test
    void countsAListedNonControlledProductAsFound() throws Exception {
        var res = resolve(
                resolver(UnknownDrugPolicy.REFUSE), medication("Lisinopril", new Coding(NDC, "99903-0044-30", null)));

        assertThat(res.found()).isTrue();
        assertThat(res.schedule()).isEmpty();
        assertThat(res.problems()).isEmpty();
    }

    @Test
    void givesAnRxNormOnlyOrderAnNdcItsTermTypeAndTheScheduleOfItsListings() throws Exception {
        var mr = new MedicationRequest();
        mr.setMedication(new CodeableReference(new CodeableConcept(new Coding(RXNORM, "9900001", null))));

        var res = resolver(UnknownDrugPolicy.REFUSE).resolve(mr, null);

        assertThat(res.representativeNdc()).contains("00999100101");
        assertThat(res.termType()).contains("SCD");
        assertThat(res.schedule()).contains(DeaSchedule.CII);
        assertThat(res.source()).contains("the NDCs RxNorm lists for RxCUI 9900001");
    }

    @Test
    void readsTheRxNormNameWhenNoTableListsTheProduct() throws Exception {
        var codeine = medication(null, new Coding(RXNORM, "9900003", null));
        var gabapentin = medication(null, new Coding(RXNORM, "9900007", null));
        var zolpidem = medication(null, new Coding(RXNORM, "9900006", null));

        assertThat(resolve(resolver(UnknownDrugPolicy.REFUSE), codeine).schedule())
                .contains(DeaSchedule.CIII);
        var g = resolve(resolver(UnknownDrugPolicy.REFUSE), gabapentin);
        assertThat(g.problems()).isEmpty();
        assertThat(g.found()).isTrue();
        assertThat(g.schedule()).isEmpty();
        assertThat(resolve(resolver(UnknownDrugPolicy.REFUSE), zolpidem).schedule())
                .contains(DeaSchedule.CIV);
    }

    @Test
    void refusesTablesThatDisagree() throws Exception {
        // The starter row says CIV; FDA lists the product as CIII.
        var res = resolve(
                resolver(UnknownDrugPolicy.REFUSE), medication("APAP/codeine", new Coding(NDC, "99901-101-01", null)));

        assertThat(res.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(DrugResolution.CONFLICT);
            assertThat(p.expression()).isEqualTo("Medication.code");
            assertThat(p.message()).contains("CIV (C48677)").contains("CIII (C48676)");
        });
    }

    @Test
    void acceptsADeclaredScheduleAmongThoseTheSubstanceRowsAllow() {
        var m = medication("Acetaminophen and codeine");
        m.addExtension(DrugResolver.DEA_SCHEDULE_EXTENSION, new Coding(V2_0477, "V", null));

        var res = resolve(DrugResolver.withStarter(STARTER), m);

        assertThat(res.problems()).isEmpty();
        assertThat(res.schedule()).contains(DeaSchedule.CV);
    }

    @Test
    void readsIngredientStrengths() {
        var m = medication("Promethazine VC with codeine");
        m.addIngredient()
                .setItem(new CodeableReference(new CodeableConcept().setText("codeine phosphate")))
                .setStrength(new Ratio()
                        .setNumerator(new Quantity().setValue(10).setCode("mg"))
                        .setDenominator(new Quantity().setValue(5).setCode("mL")));
        m.addIngredient()
                .setItem(new CodeableReference(new CodeableConcept().setText("promethazine hydrochloride")))
                .setStrength(new Ratio()
                        .setNumerator(new Quantity().setValue(6.25).setCode("mg"))
                        .setDenominator(new Quantity().setValue(5).setCode("mL")));

        assertThat(resolve(DrugResolver.withStarter(STARTER), m).schedule()).contains(DeaSchedule.CV);
    }

    @Test
    void findsNoScheduleForAcetaminophenOrLisinopril() {
        var r = DrugResolver.withStarter(STARTER);

        assertThat(resolve(r, medication("Acetaminophen 500 MG Oral Tablet")).schedule())
                .isEmpty();
        assertThat(resolve(r, medication("lisinopril 10 mg tablet")).found()).isFalse();
    }

    @Test
    void answersAnOrderThatReadsTheSameOnceAndAChangedOneAfresh() {
        DrugResolver r = DrugResolver.withStarter(STARTER);
        var oxycodone = medication("Oxycodone HCl 5 MG Oral Tablet", new Coding(NDC, "00406-0552-01", null));
        var first = resolve(r, oxycodone);

        // Another prescription's objects, the same order: the answer kept for it.
        var again = resolve(r, medication("Oxycodone HCl 5 MG Oral Tablet", new Coding(NDC, "00406-0552-01", null)));
        assertThat(again).isSameAs(first);
        assertThat(first.schedule()).contains(DeaSchedule.CII);

        // The same Medication changed (a schedule declared that the table contradicts): read again, refused.
        oxycodone.addExtension(DrugResolver.DEA_SCHEDULE_EXTENSION, new Coding(V2_0477, "IV", null));
        var changed = resolve(r, oxycodone);
        assertThat(changed).isNotSameAs(first);
        assertThat(changed.problems())
                .extracting(DrugResolution.Problem::code)
                .containsExactly(DrugResolution.CONFLICT);
        assertThat(resolve(r, medication("Lisinopril 10 MG Oral Tablet")).schedule())
                .isEmpty();
    }

    @Test
    void keepsAtMostItsLimitOfOrders() {
        DrugResolver r = DrugResolver.withStarter(STARTER);
        var first = resolve(r, medication("drug 0"));
        for (int i = 1; i <= DrugResolver.REMEMBERED; i++) {
            resolve(r, medication("drug " + i));
        }
        // Emptied once full: the first order is answered afresh (equal, not the kept instance).
        var again = resolve(r, medication("drug 0"));
        assertThat(again).isEqualTo(first).isNotSameAs(first);
    }
}
