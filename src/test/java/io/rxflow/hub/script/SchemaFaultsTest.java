package io.rxflow.hub.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The first schema fault of a received message, named by the XPath a SCRIPT Error carries. */
class SchemaFaultsTest {
    private static final ScriptSchemas SCHEMAS = ScriptSchemas.load(null);
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/script-intake");

    @Test
    void acceptsAValidNewRx() throws IOException {
        assertThat(SCHEMAS.fault2023011(read("lisinopril-2023011-full-ehr.xml")))
                .isEmpty();
        assertThat(SCHEMAS.fault2017071(read("metformin-2017071-surescripts-style.xml")))
                .isEmpty();
    }

    @Test
    void namesAValueThatBreaksItsTypeByTheElement() throws IOException {
        String xml = read("lisinopril-2023011-full-ehr.xml")
                .replace("<Number>5125550188</Number>", "<Number>(512) 555-0188</Number>");

        assertThat(SCHEMAS.fault2023011(xml).orElseThrow().xpath())
                .isEqualTo("/Message/Body/NewRx/Pharmacy/CommunicationNumbers/PrimaryTelephone/Number");
    }

    @Test
    void countsRepeatedSiblingsInThePath() throws IOException {
        String xml = read("lisinopril-2023011-full-ehr.xml")
                .replace("<Qualifier>LD</Qualifier>", "<Qualifier>XX</Qualifier>");

        assertThat(SCHEMAS.fault2023011(xml).orElseThrow().xpath())
                .isEqualTo("/Message/Body/NewRx/MedicationPrescribed/Diagnosis[2]/Qualifier");
    }

    @Test
    void namesTheParentOfAMissingRequiredChild() throws IOException {
        String xml = read("lisinopril-2023011-full-ehr.xml")
                .replace(
                        "<City>AUSTIN</City>\n            <StateProvince>TX</StateProvince>\n            <PostalCode>787562201</PostalCode>",
                        "<StateProvince>TX</StateProvince>\n            <PostalCode>787562201</PostalCode>");

        assertThat(SCHEMAS.fault2023011(xml).orElseThrow().xpath())
                .startsWith("/Message/Body/NewRx/Patient/HumanPatient/Address");
    }

    @Test
    void refusesADoctypeWithoutExpandingIt() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE Message [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Message>&x;</Message>";

        assertThat(SCHEMAS.fault2023011(xml))
                .hasValueSatisfying(f -> assertThat(f.message()).doesNotContain("root:"));
    }

    private static String read(String name) throws IOException {
        return Files.readString(FIXTURES.resolve(name), StandardCharsets.UTF_8);
    }
}
