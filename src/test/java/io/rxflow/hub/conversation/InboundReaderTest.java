package io.rxflow.hub.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxflow.hub.PharmacySystem;
import io.rxflow.hub.pharmacies.Pharmacy;
import io.rxflow.hub.script.SchemaViolations;
import io.rxflow.hub.script.ScriptSchemas;
import io.rxflow.hub.script.ScriptSettings;
import io.rxflow.hub.script.ScriptUpgrade;
import io.rxflow.hub.script.ScriptVersionConverter;
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

    private static final Pharmacy PHARMACY_2017071 =
            new Pharmacy("1234567", null, null, "2017071", null, null, null, null, null);

    /** A pharmacy system's message about the text-only-sig NewRx, written in 2023011 and converted to 2017071. */
    private static String in2017071(java.util.function.Function<PharmacySystem, String> write) throws Exception {
        String newRx = java.nio.file.Files.readString(
                java.nio.file.Path.of("src/test/resources/fixtures/mapping/text-only-sig/expected-2023011.xml"));
        var converter = new ScriptVersionConverter(ScriptSettings.defaults("RXFLOWHUB"), SCHEMAS);
        return converter
                .toScript2017071(write.apply(new PharmacySystem(newRx, "1234567")))
                .xml();
    }

    @Test
    void a2017071FillFromA2017071PharmacyIsReadAsItsFill() throws Exception {
        String xml = in2017071(p -> p.rxFill("PH17", p.newRxMessageId(), "RX-17", "PartiallyDispensed"));
        assertThat(xml).contains("<FillStatus>", "TransactionVersion=\"20170715\"");

        InboundMessage m = READER.read(xml, READER.parse(xml), PHARMACY_2017071);

        assertThat(m.transaction()).isEqualTo("RxFill");
        assertThat(m.happening()).isEqualTo(Happening.PARTIALLY_DISPENSED);
        assertThat(m.messageId()).isEqualTo("PH17");
        assertThat(m.rxReferenceNumber()).isEqualTo("RX-17");
        assertThat(m.prescriberOrderNumber()).isEqualTo("MR000123");
    }

    @Test
    void a2017071RenewalRequestIsKeptIn2023011ForTheAnswer() throws Exception {
        String xml = in2017071(p -> p.rxRenewalRequest("PH18", p.newRxMessageId(), "RX-17"));

        InboundMessage m = READER.read(xml, READER.parse(xml), PHARMACY_2017071);

        assertThat(m.happening()).isEqualTo(Happening.RENEWAL_REQUESTED);
        assertThat((String) m.details().get("xml"))
                .contains("<Names>", "<Product>")
                .doesNotContain("20170715");
    }

    @Test
    void a2017071SchemaFaultIsNamedInThe2017071Document() throws Exception {
        String xml = in2017071(p -> p.rxFill("PH19", p.newRxMessageId(), "RX-17", "Dispensed"))
                .replaceFirst("<Gender>F</Gender>", "<Gender>N</Gender>");

        var r = assertThatThrownBy(() -> READER.read(xml, READER.parse(xml), PHARMACY_2017071));

        r.isInstanceOfSatisfying(InboundRefusal.class, refusal -> {
            assertThat(refusal.descriptionCode()).isEqualTo("3000");
            assertThat(refusal.description()).isEqualTo("/Message/Body/RxFill/Patient/HumanPatient/Gender");
        });
    }

    @Test
    void a2023011MessageFromA2017071PharmacyIsRefusedAtTheAttribute() {
        var r = assertThatThrownBy(() -> {
            String xml = STATUS_ENVELOPE.formatted("", "<Status><Code>000</Code></Status>");
            READER.read(xml, READER.parse(xml), PHARMACY_2017071);
        });

        r.isInstanceOfSatisfying(InboundRefusal.class, refusal -> assertThat(refusal.description())
                .isEqualTo("/Message/@TransactionVersion"));
    }
}
