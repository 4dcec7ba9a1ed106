package io.rxflow.hub.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxflow.hub.mapping.MappingFixtures;
import io.rxflow.hub.script.model.DiagnosisType;
import io.rxflow.hub.script.model.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptVersionConverterTest {
    private static final ScriptXml XML = new ScriptXml(MappingFixtures.SCHEMAS);
    private static final ScriptVersionConverter CONVERTER =
            new ScriptVersionConverter(MappingFixtures.SETTINGS, MappingFixtures.SCHEMAS);

    private static Message mapped(String scenario) {
        return MappingFixtures.mapper()
                .map(MappingFixtures.load(scenario), MappingFixtures.MESSAGE_ID, MappingFixtures.SENT)
                .message();
    }

    private static DiagnosisType diagnosis(String code) {
        var d = new DiagnosisType();
        d.setClinicalInformationQualifier("1");
        d.setQualifier("ABF");
        d.setValue(code);
        d.setDescription("Diagnosis " + code);
        return d;
    }

    @Test
    void movesReturnReceiptFromHeaderIntoTheNewRxBody() {
        Message m = mapped("text-only-sig");
        m.getHeader().setReturnReceipt(true);

        String xml = CONVERTER.toScript2017071(XML.marshal(m)).xml();

        assertThat(xml).contains("<NewRx>\n         <ReturnReceipt>1</ReturnReceipt>\n         <Patient>");
        assertThat(xml.substring(0, xml.indexOf("<Body>"))).doesNotContain("ReturnReceipt");
    }

    @Test
    void rewritesTheVersionAttributesFromSettings() {
        String xml =
                CONVERTER.toScript2017071(XML.marshal(mapped("text-only-sig"))).xml();

        assertThat(xml)
                .contains("DatatypesVersion=\"20170715\"", "ECLVersion=\"20170715\"")
                .doesNotContain("20230116");
    }

    @Test
    void reportsNonBinaryGenderSentAsUnknown() {
        var conversion = CONVERTER.toScript2017071(XML.marshal(mapped("gender-non-binary")));

        assertThat(conversion.xml()).contains("<Gender>U</Gender>");
        assertThat(conversion.notes()).anySatisfy(n -> assertThat(n).contains("AdministrativeGender N sent as U"));
    }

    @Test
    void pairsFourDiagnosesIntoTwoPrimarySecondaryGroups() {
        Message m = mapped("text-only-sig");
        for (String code : new String[] {"I10", "E1169", "E785", "J45909"}) {
            m.getBody().getNewRx().getMedicationPrescribed().getDiagnosis().add(diagnosis(code));
        }

        String xml = CONVERTER.toScript2017071(XML.marshal(m)).xml();

        assertThat(xml.split("<Diagnosis>", -1)).hasSize(3);
        assertThat(xml)
                .containsSubsequence(
                        "<Primary>", "I10", "<Secondary>", "E1169", "<Primary>", "E785", "<Secondary>", "J45909");
    }

    @Test
    void refusesMoreDiagnosesThan2017071Carries() {
        Message m = mapped("text-only-sig");
        for (String code : new String[] {"I10", "E1169", "E785", "J45909", "K219"}) {
            m.getBody().getNewRx().getMedicationPrescribed().getDiagnosis().add(diagnosis(code));
        }
        String xml = XML.marshal(m);

        assertThatThrownBy(() -> CONVERTER.toScript2017071(xml))
                .isInstanceOf(ScriptConversionException.class)
                .hasMessageContaining("more diagnoses than 2017071 can carry");
    }

    @Test
    void refusesPhoneNumbersLongerThan2017071Allows() {
        Message m = mapped("text-only-sig");
        m.getBody()
                .getNewRx()
                .getPharmacy()
                .getCommunicationNumbers()
                .getPrimaryTelephone()
                .setNumber("441632960961");

        String xml = XML.marshal(m);

        assertThatThrownBy(() -> CONVERTER.toScript2017071(xml))
                .isInstanceOf(ScriptConversionException.class)
                .hasMessageContaining("/Message/Body/NewRx/Pharmacy/CommunicationNumbers/PrimaryTelephone/Number");
    }

    @Test
    void carriesTheStructuredSigWithDosageAsDoseQuantity() {
        var conversion = CONVERTER.toScript2017071(XML.marshal(mapped("structured-sig-dose-range")));

        assertThat(conversion.xml())
                .containsSubsequence(
                        "<SigText>",
                        "<CodeSystem>",
                        "<Dosage>",
                        "<DoseQuantity>1</DoseQuantity>",
                        "<DoseRangeModifier>TO</DoseRangeModifier>",
                        "<DoseQuantity>2</DoseQuantity>",
                        "<RouteOfAdministration>")
                .doesNotContain("DoseValue", "Value1");
        assertThat(conversion.notes()).noneMatch(n -> n.contains("Sig"));
    }

    @Test
    void dropsAStructuredSigItCannotCarryWithANoteAndKeepsSigText() {
        String xml2023 = XML.marshal(mapped("structured-sig-qd-tablet-oral"))
                .replace(
                        "</RouteOfAdministration>",
                        "</RouteOfAdministration><RouteOfAdministrationClarifyingFreeText>by mouth"
                                + "</RouteOfAdministrationClarifyingFreeText>");

        var conversion = CONVERTER.toScript2017071(xml2023);

        assertThat(conversion.xml())
                .contains("<SigText>Take 1 tablet by mouth once daily.</SigText>")
                .doesNotContain("<CodeSystem>", "<Instruction>");
        assertThat(conversion.notes()).anySatisfy(n -> assertThat(n)
                .contains("/Message/Body/NewRx/MedicationPrescribed/Sig structured part dropped")
                .contains("RouteOfAdministrationClarifyingFreeText")
                .doesNotContain("by mouth"));
    }

    @Test
    void flattensTheFrequencyAndIntervalValueOrRangeAs2017071WritesThem() {
        var conversion = CONVERTER.toScript2017071(XML.marshal(mapped("structured-sig-interval-range-prn")));

        assertThat(conversion.xml())
                .containsSubsequence(
                        "<Interval>",
                        "<IntervalNumericValue>4</IntervalNumericValue>",
                        "<VariableIntervalModifier>TO</VariableIntervalModifier>",
                        "<IntervalNumericValue>6</IntervalNumericValue>",
                        "<IntervalUnits>",
                        "<Code>258702006</Code>",
                        "</Interval>")
                .doesNotContain("IntervalValue", "ValueUnitOfMeasure", "Value1");
    }

    /** A timing modifier TO is 2023011 only (B5): the structured part goes, SigText stays. */
    @Test
    void dropsAStructuredSigWithATimingModifier2017071Lacks() {
        String xml2023 = XML.marshal(mapped("structured-sig-bid-duration"))
                .replaceFirst(
                        "</TimingAndDuration>\\s*<TimingAndDuration>",
                        "</TimingAndDuration><MultipleTimingModifier>TO</MultipleTimingModifier><TimingAndDuration>");

        var conversion = CONVERTER.toScript2017071(xml2023);

        assertThat(xml2023).contains("<MultipleTimingModifier>TO</MultipleTimingModifier>");
        assertThat(conversion.xml()).doesNotContain("<CodeSystem>", "MultipleTimingModifier");
        assertThat(conversion.notes())
                .anySatisfy(n -> assertThat(n).contains("MultipleTimingModifier has a code 2017071 does not have"));
    }

    @Test
    void brokenStylesheetFailsNamingFileAndLine(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.xsl");
        Files.writeString(
                broken,
                """
                <xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
                  <xsl:template match="/">
                    <xsl:value-of select="1 +"/>
                  </xsl:template>
                </xsl:stylesheet>
                """);

        assertThatThrownBy(() -> new ScriptVersionConverter(
                        MappingFixtures.SETTINGS,
                        MappingFixtures.SCHEMAS,
                        broken.toUri().toURL()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("broken.xsl:3");
    }
}
