package io.rxflow.hub.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxflow.hub.pharmacies.Pharmacy;
import io.rxflow.hub.script.SchemaViolations;
import io.rxflow.hub.script.ScriptSchemas;
import io.rxflow.hub.script.ScriptSettings;
import io.rxflow.hub.script.ScriptUpgrade;
import io.rxflow.hub.script.ScriptXml;
import org.junit.jupiter.api.Test;

/** Reading a pharmacy's message: refusals carry the right code and the XPath of the fault. */
class InboundReaderTest {
    private static final ScriptSchemas SCHEMAS = ScriptSchemas.load(null);
    private static final ScriptXml XML = new ScriptXml(SCHEMAS);
    private static final InboundReader READER = new InboundReader(
            XML,
            SchemaViolations.hub2023011(SCHEMAS),
            SCHEMAS,
            new ScriptUpgrade(ScriptSettings.defaults("RXFLOWHUB")),
            ScriptSettings.defaults("RXFLOWHUB"));
    private static final Pharmacy PHARMACY =
            new Pharmacy("1234563", null, null, "2023011", null, null, null, null, null);

    private static final String STATUS_ENVELOPE =
            """
            <Message DatatypesVersion="20230116" TransportVersion="20230116" TransactionDomain="SCRIPT"
                     TransactionVersion="20230116" StructuresVersion="20230116" ECLVersion="20230116">
              <Header>
                <To Qualifier="D">RXFLOWHUB</To>
                <From Qualifier="P">1234563</From>
                <MessageID>PH0001</MessageID>
                <RelatesToMessageID>0123456789abcdef0123456789abcdef</RelatesToMessageID>
                <SentTime>2026-12-04T10:00:00Z</SentTime>
                <SenderSoftware><SenderSoftwareDeveloper>PioneerRx</SenderSoftwareDeveloper>
                  <SenderSoftwareProduct>PioneerRx Pharmacy</SenderSoftwareProduct>
                  <SenderSoftwareVersionRelease>2024.3</SenderSoftwareVersionRelease></SenderSoftware>
                %s
              </Header>
              <Body>%s</Body>
            </Message>
            """;

    private static InboundRefusal refusal(String xml) {
        try {
            READER.read(xml, READER.parse(xml), PHARMACY);
        } catch (InboundRefusal r) {
            return r;
        }
        throw new AssertionError("not refused");
    }

    @Test
    void readsAVerifyWithItsCorrelationKeys() {
        String xml = STATUS_ENVELOPE.formatted(
                "<RxReferenceNumber>RX-1</RxReferenceNumber><PrescriberOrderNumber>ORD-9</PrescriberOrderNumber>",
                "<Verify><VerifyStatus><Code>010</Code></VerifyStatus></Verify>");
        InboundMessage m = READER.read(xml, READER.parse(xml), PHARMACY);
        assertThat(m.transaction()).isEqualTo("Verify");
        assertThat(m.happening()).isEqualTo(Happening.ACKNOWLEDGED);
        assertThat(m.relatesToMessageId()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(m.rxReferenceNumber()).isEqualTo("RX-1");
        assertThat(m.prescriberOrderNumber()).isEqualTo("ORD-9");
        assertThat(m.from()).isEqualTo("1234563");
    }

    @Test
    void aSchemaFaultIsNamedByItsXPath() {
        var r = refusal(STATUS_ENVELOPE.formatted("", "<Status><Description>no code</Description></Status>"));
        assertThat(r.code()).isEqualTo("900");
        assertThat(r.descriptionCode()).isEqualTo("3000");
        assertThat(r.description()).isEqualTo("/Message/Body/Status/Description");
    }

    @Test
    void aCancelDenialReasonOutsideTheOfficialListIsRefused() {
        var r = refusal(
                STATUS_ENVELOPE.formatted(
                        "",
                        "<CancelRxResponse><Response><Denied><ReasonCode>ZZ</ReasonCode></Denied></Response></CancelRxResponse>"));
        assertThat(r.descriptionCode()).isEqualTo("3000");
        assertThat(r.description()).isEqualTo("/Message/Body/CancelRxResponse/Response/Denied/ReasonCode");
    }

    @Test
    void aDoctypeIsASyntaxErrorBeforeAnythingIsExpanded() {
        String xml = "<!DOCTYPE Message [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                + STATUS_ENVELOPE.formatted("", "<Status><Code>000</Code><Description>&x;</Description></Status>");
        assertThatThrownBy(() -> READER.parse(xml))
                .isInstanceOfSatisfying(InboundRefusal.class, r -> assertThat(r.descriptionCode())
                        .isEqualTo("500"));
    }

    @Test
    void aMessageOfTheWrongVersionIsRefusedAtTheAttribute() {
        var r = refusal(STATUS_ENVELOPE
                .formatted("", "<Status><Code>000</Code></Status>")
                .replace("TransactionVersion=\"20230116\"", "TransactionVersion=\"20170715\""));
        assertThat(r.description()).isEqualTo("/Message/@TransactionVersion");
    }
}
