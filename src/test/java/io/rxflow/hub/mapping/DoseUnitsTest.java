package io.rxflow.hub.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r5.model.Quantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DoseUnitsTest {

    private static Quantity unit(String system, String code) {
        return new Quantity().setValue(1).setSystem(system).setCode(code);
    }

    @ParameterizedTest
    @CsvSource({
        "http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl,C48542,C48542,tablet",
        "http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl,C65060,C65060,puff",
        "http://unitsofmeasure.org,mL,C28254,milliliter",
        "http://unitsofmeasure.org,mg,C28253,milligram",
        "http://unitsofmeasure.org,ug,C48152,microgram",
        "http://unitsofmeasure.org,[iU],C48579,international unit",
        "http://terminology.hl7.org/CodeSystem/v3-orderableDrugForm,TAB,C48542,tablet",
        "http://terminology.hl7.org/CodeSystem/v3-orderableDrugForm,ERCAP,C48480,capsule",
        "http://terminology.hl7.org/CodeSystem/v3-orderableDrugForm,PATCH,C48524,patch",
        "http://terminology.hl7.org/CodeSystem/v3-orderableDrugForm,SUPP,C48539,suppository",
    })
    void mapsCodedDoseUnitsToNci(String system, String code, String nci, String text) {
        assertThat(DoseUnits.of(unit(system, code))).contains(new DoseUnits.Unit(nci, text));
    }

    @ParameterizedTest
    @CsvSource({
        // package units are quantity units but not the dose of one administration
        "http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl,C62275",
        "http://terminology.hl7.org/CodeSystem/v3-orderableDrugForm,KIT",
        "http://unitsofmeasure.org,[tsp_us]",
        "http://snomed.info/sct,732936001",
        ",TAB",
    })
    void leavesOtherUnitsUnmapped(String system, String code) {
        assertThat(DoseUnits.of(unit(system, code))).isEmpty();
    }

    @Test
    void leavesAUnitWithoutCodeUnmapped() {
        assertThat(DoseUnits.of(new Quantity().setValue(1).setUnit("tablet"))).isEmpty();
    }

    @Test
    void everyDoseUnitIsInTheHubSchemaCodeList() throws Exception {
        String xsd = Files.readString(Path.of("src/main/resources/script/2023011/rxflow-script-2023011.xsd"));
        String list = xsd.substring(
                xsd.indexOf("<xs:simpleType name=\"DoseUnitOfMeasureCode\">"),
                xsd.indexOf("</xs:simpleType>", xsd.indexOf("<xs:simpleType name=\"DoseUnitOfMeasureCode\">")));
        var inSchema = new TreeSet<String>();
        Matcher m = Pattern.compile("enumeration value=\"(C[0-9]+)\"").matcher(list);
        while (m.find()) {
            inSchema.add(m.group(1));
        }

        assertThat(new TreeSet<>(DoseUnits.codes())).isEqualTo(inSchema);
    }
}
