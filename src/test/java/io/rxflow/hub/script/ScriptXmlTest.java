package io.rxflow.hub.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxflow.hub.mapping.MappingFixtures;
import io.rxflow.hub.script.model.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptXmlTest {
    private static final ScriptXml XML = new ScriptXml(MappingFixtures.SCHEMAS);

    private static Message mapped(String scenario) {
        return MappingFixtures.newRx(scenario);
    }

    @Test
    void roundTripsMarshalledNewRx() {
        String xml = XML.marshal(mapped("schedule-ii"));

        Message back = XML.unmarshal(xml);

        assertThat(back.getHeader().getMessageID()).isEqualTo(MappingFixtures.MESSAGE_ID);
        assertThat(back.getBody()
                        .getNewRx()
                        .getMedicationPrescribed()
                        .getProduct()
                        .getDrugCoded()
                        .getDEASchedule()
                        .getCode())
                .isEqualTo("C48675");
        assertThat(XML.marshal(back)).isEqualTo(xml);
    }

    @Test
    void refusesToMarshalAMessageInvalidForTheHubSchema() {
        // Past the mapper's checks: the schema is the last line of defence.
        Message m = MappingFixtures.newRxInvalidForTheSchema("text-only-sig");

        assertThatThrownBy(() -> XML.marshal(m))
                .isInstanceOf(ScriptValidationException.class)
                .hasMessageContaining(ScriptSchemas.HUB_2023011);
    }

    @Test
    void validatesEveryMessageAfreshWithTheThreadsReusedValidator() {
        String valid = XML.marshal(mapped("text-only-sig"));
        Message badValue = MappingFixtures.newRxInvalidForTheSchema("text-only-sig");
        Message missingElement = mapped("text-only-sig");
        missingElement.getBody().getNewRx().getMedicationPrescribed().setQuantity(null);

        assertThatThrownBy(() -> XML.marshal(badValue)).isInstanceOf(ScriptValidationException.class);
        assertThat(XML.marshal(mapped("text-only-sig"))).isEqualTo(valid);
        assertThatThrownBy(() -> XML.marshal(missingElement))
                .isInstanceOf(ScriptValidationException.class)
                .hasMessageContaining("Quantity");
        assertThatThrownBy(() -> XML.marshal(badValue)).isInstanceOf(ScriptValidationException.class);
        assertThat(XML.marshal(mapped("text-only-sig"))).isEqualTo(valid);
    }

    @Test
    void rejectsDoctypeSoExternalEntitiesNeverResolve(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOPSECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE Message [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<Message><Header><MessageID>&x;</MessageID></Header></Message>";

        assertThatThrownBy(() -> XML.unmarshal(xxe))
                .isInstanceOf(ScriptValidationException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("TOPSECRET");
    }

    @Test
    void rejectsEntityExpansionBomb() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE Message [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                + "<Message><Header><MessageID>&c;</MessageID></Header></Message>";

        assertThatThrownBy(() -> XML.unmarshal(bomb)).isInstanceOf(ScriptValidationException.class);
    }

    @Test
    void readsInboundStatusIgnoringElementsTheHubSchemaLeavesOut() {
        String status =
                """
                <Message DatatypesVersion="20230116" TransportVersion="20230116" TransactionDomain="SCRIPT"
                  TransactionVersion="20230116" StructuresVersion="20230116" ECLVersion="20230116">
                 <Header><To Qualifier="D">HUBPRESCRIBER01</To><From Qualifier="P">1234567</From>
                  <MessageID>PHARM0001</MessageID><RelatesToMessageID>6f1c2d3e4a5b4c6d8e9f00112233aabc</RelatesToMessageID>
                  <SentTime>2026-01-15T14:31:00Z</SentTime><Security><UsernameToken/></Security>
                  <SenderSoftware><SenderSoftwareDeveloper>P</SenderSoftwareDeveloper><SenderSoftwareProduct>P</SenderSoftwareProduct>
                  <SenderSoftwareVersionRelease>1</SenderSoftwareVersionRelease></SenderSoftware></Header>
                 <Body><Status><Code>000</Code></Status></Body></Message>""";

        Message m = XML.unmarshal(status);

        assertThat(m.getHeader().getRelatesToMessageID()).isEqualTo(MappingFixtures.MESSAGE_ID);
        assertThat(m.getBody().getStatus().getCode()).isEqualTo("000");
    }

    @Test
    void validatesAgainstOfficialSchemasWhenTheOperatorSuppliesThem(@TempDir Path dir) throws IOException {
        // Stand-in for the licensed package: a schema that, unlike the hub's, demands a Mailbox header.
        Files.createDirectories(dir.resolve("2023011"));
        Files.writeString(
                dir.resolve("2023011/transport.xsd"),
                """
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
                  <xs:element name="Message"><xs:complexType><xs:sequence>
                    <xs:element name="Mailbox" type="xs:string"/>
                  </xs:sequence><xs:anyAttribute processContents="skip"/></xs:complexType></xs:element>
                </xs:schema>""");
        var withOfficial = new ScriptXml(ScriptSchemas.load(dir));

        assertThatThrownBy(() -> withOfficial.marshal(mapped("text-only-sig")))
                .isInstanceOf(ScriptValidationException.class)
                .hasMessageContaining("official SCRIPT 2023011 schema");
    }

    @Test
    void failsAtStartWhenTheOfficialSchemaFolderHasNoRootFile(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("2023011"));

        assertThatThrownBy(() -> ScriptSchemas.load(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ScriptSchemas.OFFICIAL_ROOT);
    }
}
