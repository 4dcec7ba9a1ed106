package io.rxflow.hub.drugs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxflow.hub.mapping.MappingFixtures;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DrugTableTest {
    private static final String HEADER =
            "rxcui,rxnorm_tty,ndc11,description,strength_value,strength_unit,strength_form,dea_schedule\n";
    private static final String SCRIPT_XSD = "script/2023011/rxflow-script-2023011.xsd";

    /** The rows of the shipped config/drugs.csv as written, so properties the loader tolerates can be checked. */
    private static final List<String[]> SHIPPED_ROWS = shippedRows();

    private static DrugTable load(String rows) throws Exception {
        return DrugTable.load(new ByteArrayInputStream((HEADER + rows).getBytes(StandardCharsets.UTF_8)), "test.csv");
    }

    @Test
    void shippedTableCoversEveryControlledSchedule() {
        DrugTable t = MappingFixtures.DRUGS;

        assertThat(t.find("00406055201", null).orElseThrow().deaSchedule()).isEqualTo("CII");
        assertThat(t.find(null, "1010604").orElseThrow().deaSchedule()).isEqualTo("CIII");
        assertThat(t.find("63304077301", null).orElseThrow().deaSchedule()).isEqualTo("CIV");
        assertThat(t.find(null, "483450").orElseThrow().deaSchedule()).isEqualTo("CV");
        assertThat(t.find(null, "314076").orElseThrow().controlled()).isFalse();
        assertThat(t.size()).isGreaterThan(80);
    }

    @ParameterizedTest(name = "{1} ({0}) is {2}")
    @CsvSource({
        "891881, morphine sulfate 15 mg extended-release tablet, CII",
        "891888, morphine sulfate 30 mg extended-release tablet, CII",
        "891893, morphine sulfate 60 mg extended-release tablet, CII",
        "857002, hydrocodone 5 mg / acetaminophen 325 mg tablet, CII",
        "897696, hydromorphone 2 mg tablet, CII",
        "864718, methadone 5 mg tablet, CII",
        "864706, methadone 10 mg tablet, CII",
        "1091155, methylphenidate 18 mg 24-hour extended-release tablet, CII",
        "854830, lisdexamfetamine 20 mg capsule, CII",
        "1010600, buprenorphine 2 mg / naloxone 0.5 mg sublingual film, CIII",
        "197900, lorazepam 0.5 mg tablet, CIV",
        "197591, diazepam 5 mg tablet, CIV",
        "854873, zolpidem 10 mg tablet, CIV",
        "835603, tramadol 50 mg tablet, CIV",
        "197446, carisoprodol 350 mg tablet, CIV",
        "199167, phenobarbital 32.4 mg tablet, CIV",
        "483450, pregabalin 75 mg capsule, CV",
        "991486, promethazine 6.25 mg / codeine 10 mg per 5 mL oral solution, CV",
        "995868, guaifenesin 100 mg / codeine 10 mg per 5 mL oral solution, CV"
    })
    void shippedTableListsCommonlyPrescribedControlledDrugsWithTheirFederalSchedule(
            String rxcui, String drug, String schedule) {
        assertThat(MappingFixtures.DRUGS.find(null, rxcui)).as(drug).hasValueSatisfying(d -> assertThat(d.deaSchedule())
                .isEqualTo(schedule));
    }

    @Test
    void knowsTestosteroneCypionateAsScheduleIiiByItsNdc() {
        assertThat(MappingFixtures.DRUGS.find("71225012701", null).orElseThrow().deaSchedule())
                .isEqualTo("CIII");
    }

    @Test
    void givesAnRxNormOnlyOrderTheConfirmedNdcOfItsRow() {
        assertThat(MappingFixtures.DRUGS.find(null, "891881").orElseThrow().ndc11())
                .isEqualTo("42858080101");
        assertThat(MappingFixtures.DRUGS.find(null, "197591").orElseThrow().ndc11())
                .isEmpty();
    }

    @Test
    void everyShippedNdcIsElevenDigitsAndAppearsOnce() {
        List<String> ndcs =
                SHIPPED_ROWS.stream().map(f -> f[2]).filter(n -> !n.isEmpty()).toList();

        assertThat(ndcs).isNotEmpty().allMatch(n -> n.matches("[0-9]{11}")).doesNotHaveDuplicates();
    }

    @Test
    void everyShippedRxcuiIsAnScdAndAppearsOnce() {
        List<String[]> withRxcui =
                SHIPPED_ROWS.stream().filter(f -> !f[0].isEmpty()).toList();

        assertThat(withRxcui).allSatisfy(f -> assertThat(f[1]).as(f[0]).isEqualTo("SCD"));
        assertThat(withRxcui.stream().map(f -> f[0]).toList()).doesNotHaveDuplicates();
        assertThat(SHIPPED_ROWS)
                .allSatisfy(f -> assertThat(f[0] + f[2]).as(f[3]).isNotEmpty());
    }

    @Test
    void everyShippedScheduleIsBlankOrAFederalSchedule() {
        assertThat(SHIPPED_ROWS).allSatisfy(f -> assertThat(f[7].isEmpty() || DeaSchedules.isKnown(f[7]))
                .as("%s: %s", f[3], f[7])
                .isTrue());
    }

    @Test
    void everyShippedStrengthCodeIsInTheScript2023011CodeLists() {
        Set<String> forms = enumeration("StrengthFormCode");
        Set<String> units = enumeration("StrengthUnitOfMeasureCode");

        assertThat(SHIPPED_ROWS).allSatisfy(f -> {
            assertThat(f[6].isEmpty() || forms.contains(f[6]))
                    .as("form of %s", f[3])
                    .isTrue();
            assertThat(f[5].isEmpty() || units.contains(f[5]))
                    .as("unit of %s", f[3])
                    .isTrue();
            assertThat(f[4].isEmpty()).as("value and unit of %s", f[3]).isEqualTo(f[5].isEmpty());
        });
    }

    @Test
    void everyShippedDescriptionFitsScriptDrugDescription() {
        assertThat(SHIPPED_ROWS).allSatisfy(f -> assertThat(f[3]).hasSizeBetween(1, 105));
    }

    @Test
    void rejectsAnUnknownScheduleNamingTheLine() {
        assertThatThrownBy(() -> load("1,SCD,,X,,,,C2\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("test.csv:2:");
    }

    @Test
    void rejectsAHyphenatedNdc() {
        assertThatThrownBy(() -> load("1,SCD,0093-7356-01,X,,,,\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("11 digits");
    }

    @Test
    void skipsCommentLines() throws Exception {
        assertThat(load("# a comment\n1,SCD,00000000001,X,,,,CV\n").find("00000000001", null))
                .isPresent();
    }

    private static List<String[]> shippedRows() {
        try (InputStream in = DrugTableTest.class.getClassLoader().getResourceAsStream("config/drugs.csv");
                var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines()
                    .skip(1)
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split(",", -1))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // The hub validates every message against this schema: a code outside its enumerations would fail every NewRx.
    private static Set<String> enumeration(String simpleType) {
        try (InputStream in = DrugTableTest.class.getClassLoader().getResourceAsStream(SCRIPT_XSD)) {
            String xsd = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int start = xsd.indexOf("<xs:simpleType name=\"" + simpleType + "\">");
            int end = xsd.indexOf("</xs:simpleType>", start);
            Matcher m = Pattern.compile("<xs:enumeration value=\"(C[0-9]+)\"").matcher(xsd.substring(start, end));
            Set<String> codes = m.results().map(r -> r.group(1)).collect(Collectors.toSet());
            assertThat(codes).as(simpleType).isNotEmpty();
            return codes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
