package io.rxflow.hub.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.PharmacySystem;
import io.rxflow.hub.conversation.PrescriberAnswer.Kind;
import io.rxflow.hub.responses.ScriptAnswers;
import io.rxflow.hub.script.ScriptConversionException;
import io.rxflow.hub.script.ScriptSchemas;
import io.rxflow.hub.script.ScriptSettings;
import io.rxflow.hub.script.ScriptUpgrade;
import io.rxflow.hub.script.ScriptVersionConverter;
import io.rxflow.hub.script.ScriptXml;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * The pharmacy conversation in SCRIPT 2017071: every follow-up, as the hub builds it or as a pharmacy
 * system writes it in 2023011, converted by {@code xslt/script-2023011-to-2017071.xsl} (valid against the
 * hub's 2017071 schema) and back by {@code xslt/script-2017071-to-2023011.xsl} (valid against the 2023011
 * one) with its content unchanged, and what 2017071 cannot carry refused by the stylesheet.
 */
class FollowUpVersionsTest {
    private static final ScriptSchemas SCHEMAS = ScriptSchemas.load(null);
    private static final ScriptSettings SETTINGS = ScriptSettings.defaults("HUBPRESCRIBER01");
    private static final ScriptXml XML = new ScriptXml(SCHEMAS);
    private static final ScriptVersionConverter DOWN = new ScriptVersionConverter(SETTINGS, SCHEMAS);
    private static final ScriptUpgrade UP = new ScriptUpgrade(SETTINGS);
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static final String PHARMACY = "1234567";

    /** The text-only-sig NewRx with two diagnoses, so Primary/Secondary travel too. */
    private static final String NEW_RX = newRx();

    private static String newRx() {
        try {
            return Files.readString(Path.of("src/test/resources/fixtures/mapping/text-only-sig/expected-2023011.xml"))
                    .replace(
                            "<Sig>",
                            "<Diagnosis><ClinicalInformationQualifier>1</ClinicalInformationQualifier>"
                                    + "<Qualifier>ABF</Qualifier><Value>I10</Value>"
                                    + "<Description>Essential (primary) hypertension</Description></Diagnosis>"
                                    + "<Diagnosis><ClinicalInformationQualifier>1</ClinicalInformationQualifier>"
                                    + "<Qualifier>ABF</Qualifier><Value>E785</Value>"
                                    + "<Description>Hyperlipidemia, unspecified</Description></Diagnosis><Sig>");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final PharmacySystem PHARMACY_SYSTEM = new PharmacySystem(NEW_RX, PHARMACY);
    private static final String NEW_RX_ID = PHARMACY_SYSTEM.newRxMessageId();

    static Stream<Arguments> followUps() {
        return Stream.of(
                Arguments.of("CancelRx", cancelRx(null)),
                Arguments.of(
                        "CancelRxResponse Approved",
                        PHARMACY_SYSTEM.cancelRxResponse("PH1", "HUBCANCEL1", "RX-1", true)),
                Arguments.of(
                        "CancelRxResponse Denied",
                        PHARMACY_SYSTEM.cancelRxResponse("PH2", "HUBCANCEL1", "RX-1", false)),
                Arguments.of("RxFill Dispensed", PHARMACY_SYSTEM.rxFill("PH3", NEW_RX_ID, "RX-1", "Dispensed")),
                Arguments.of(
                        "RxFill PartiallyDispensed",
                        PHARMACY_SYSTEM.rxFill("PH4", NEW_RX_ID, "RX-1", "PartiallyDispensed")),
                Arguments.of("RxFill NotDispensed", PHARMACY_SYSTEM.rxFill("PH5", NEW_RX_ID, "RX-1", "NotDispensed")),
                Arguments.of("RxFill Transferred", PHARMACY_SYSTEM.rxFill("PH6", NEW_RX_ID, "RX-1", "Transferred")),
                Arguments.of("RxRenewalRequest", PHARMACY_SYSTEM.rxRenewalRequest("PH7", NEW_RX_ID, "RX-1")),
                Arguments.of("RxChangeRequest", PHARMACY_SYSTEM.rxChangeRequest("PH8", NEW_RX_ID, "RX-1")),
                Arguments.of(
                        "RxRenewalResponse Approved",
                        response(Kind.RENEWAL, "{\"decision\":\"approve\",\"number_of_refills\":3,\"note\":\"OK\"}")),
                Arguments.of(
                        "RxRenewalResponse ApprovedWithChanges",
                        response(Kind.RENEWAL, "{\"decision\":\"approve-with-changes\",\"quantity\":\"60\"}")),
                Arguments.of(
                        "RxRenewalResponse Denied",
                        response(Kind.RENEWAL, "{\"decision\":\"deny\",\"reason_code\":\"AF\",\"reason\":\"Visit\"}")),
                Arguments.of(
                        "RxRenewalResponse Replace",
                        response(Kind.RENEWAL, "{\"decision\":\"replace\",\"days_supply\":60}")),
                Arguments.of(
                        "RxChangeResponse Approved",
                        response(Kind.CHANGE, "{\"decision\":\"approve\",\"prohibit_renewal_request\":true}")),
                Arguments.of(
                        "RxChangeResponse Denied",
                        response(Kind.CHANGE, "{\"decision\":\"deny\",\"reason_code\":\"AL\"}")),
                Arguments.of(
                        "Status",
                        PHARMACY_SYSTEM.message("PH9", "HUBCANCEL1", null, null, "<Status><Code>000</Code></Status>")),
                Arguments.of(
                        "Error",
                        PHARMACY_SYSTEM.message(
                                "PH10",
                                "HUBCANCEL1",
                                null,
                                null,
                                "<Error><Code>900</Code><DescriptionCode>1000</DescriptionCode>"
                                        + "<Description>/Message/Header/RxReferenceNumber</Description></Error>")),
                Arguments.of(
                        "Verify",
                        PHARMACY_SYSTEM.message(
                                "PH11",
                                NEW_RX_ID,
                                null,
                                null,
                                "<Verify><VerifyStatus><Code>010</Code></VerifyStatus></Verify>")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("followUps")
    void travelsTo2017071AndBackWithItsContentUnchanged(String name, String xml2023) {
        SCHEMAS.validate2023011(xml2023);

        String xml2017 = DOWN.toScript2017071(xml2023).xml();

        assertThat(SCHEMAS.fault2017071(xml2017)).as(name + " in 2017071").isEmpty();
        assertThat(xml2017).contains("TransactionVersion=\"20170715\"").doesNotContain("<Names>", "<GenderAndSex>");
        String back = UP.toScript2023011(xml2017).xml();
        assertThat(SCHEMAS.fault2023011(back)).as(name + " back in 2023011").isEmpty();
        assertThat(canonical(back)).isEqualTo(canonical(xml2023));
    }

    @Test
    void aCancelRxCarriesItsStatusAsTheFlagAndDropsTheReasonCodes2017071LacksWithANote() {
        var conversion = DOWN.toScript2017071(cancelRx("PTR"));

        assertThat(conversion.xml())
                .contains("<ChangeOfPrescriptionStatusFlag>C</ChangeOfPrescriptionStatusFlag>")
                .contains("<Name>", "<Gender>F</Gender>", "<Qualifier>ND</Qualifier>", "<Primary>", "<Secondary>")
                .doesNotContain("ReasonForCancellation", "ChangeOfPrescriptionStatusCode");
        assertThat(conversion.notes())
                .anySatisfy(n -> assertThat(n).startsWith("/Message/Body/CancelRx/ReasonForCancellation dropped"));
    }

    @Test
    void anRxFillStatusIsTheFillStatusOf2017071() {
        String xml2017 = DOWN.toScript2017071(PHARMACY_SYSTEM.rxFill("PH3", NEW_RX_ID, "RX-1", "PartiallyDispensed"))
                .xml();

        assertThat(xml2017).contains("<FillStatus>", "<PartiallyDispensed>").doesNotContain("<StatusType>");
        assertThat(UP.toScript2023011(xml2017).xml()).contains("<StatusType>").doesNotContain("<FillStatus>");
    }

    @Test
    void refusesAPendingRenewalResponseFor2017071() {
        String pending = response(Kind.RENEWAL, "{\"decision\":\"approve\"}")
                .replaceAll("<Approved>.*?</Approved>|<Approved/>", "<Pending><ReasonCode>HP</ReasonCode></Pending>");
        SCHEMAS.validate2023011(pending);

        assertThatThrownBy(() -> DOWN.toScript2017071(pending))
                .isInstanceOf(ScriptConversionException.class)
                .hasMessageContaining("/Message/Body/RxRenewalResponse/Response/Pending");
    }

    @Test
    void refusesARenewalResponseThatProhibitsRenewalRequests() {
        String prohibiting = response(
                Kind.RENEWAL, "{\"decision\":\"deny\",\"reason_code\":\"AF\",\"prohibit_renewal_request\":true}");

        assertThatThrownBy(() -> DOWN.toScript2017071(prohibiting))
                .isInstanceOf(ScriptConversionException.class)
                .hasMessageContaining("/Message/Body/RxRenewalResponse/ProhibitRenewalRequest");
    }

    @Test
    void refusesAFillStatus2017071DoesNotHave() {
        String profiled = PHARMACY_SYSTEM
                .rxFill("PH3", NEW_RX_ID, "RX-1", "Dispensed")
                .replace("<Dispensed>", "<Profiled>")
                .replace("</Dispensed>", "</Profiled>");
        SCHEMAS.validate2023011(profiled);

        assertThatThrownBy(() -> DOWN.toScript2017071(profiled))
                .isInstanceOf(ScriptConversionException.class)
                .hasMessageContaining("/Message/Body/RxFill/StatusType/Profiled");
    }

    @Test
    void refusesA2017071DenialWithANewPrescriptionToFollowInto2023011() {
        String denied = DOWN.toScript2017071(response(Kind.RENEWAL, "{\"decision\":\"deny\",\"reason_code\":\"AF\"}"))
                .xml()
                .replaceAll(
                        "(?s)<Denied>.*?</Denied>",
                        "<DeniedNewPrescriptionToFollow><Note>New Rx sent</Note>" + "</DeniedNewPrescriptionToFollow>");
        assertThat(SCHEMAS.fault2017071(denied)).isEmpty();

        assertThatThrownBy(() -> UP.toScript2023011(denied))
                .isInstanceOf(ScriptConversionException.class)
                .hasMessageStartingWith("/Message/Body/RxRenewalResponse/Response/DeniedNewPrescriptionToFollow");
    }

    @Test
    void refusesA2017071FillWhoseDrugHasNoNdc() {
        String xml2017 = DOWN.toScript2017071(PHARMACY_SYSTEM.rxFill("PH3", NEW_RX_ID, "RX-1", "Dispensed"))
                .xml()
                .replaceFirst(
                        "(?s)(<MedicationDispensed>.*?<ProductCode>\\s*<Code>)[^<]*(</Code>\\s*<Qualifier>)ND",
                        "$1SIM123$2UP");
        assertThat(SCHEMAS.fault2017071(xml2017)).isEmpty();

        assertThatThrownBy(() -> UP.toScript2023011(xml2017))
                .isInstanceOf(ScriptConversionException.class)
                .hasMessageStartingWith("/Message/Body/RxFill/MedicationDispensed/DrugCoded");
    }

    @Test
    void the2017071SchemaNamesAMissingPatientZipInTheFollowUp() {
        String xml2017 = DOWN.toScript2017071(PHARMACY_SYSTEM.rxFill("PH3", NEW_RX_ID, "RX-1", "Dispensed"))
                .xml()
                .replaceFirst("<PostalCode>78701</PostalCode>", "");

        assertThat(SCHEMAS.fault2017071(xml2017)).hasValueSatisfying(f -> assertThat(f.xpath())
                .isEqualTo("/Message/Body/RxFill/Patient/HumanPatient/Address/CountryCode"));
    }

    @Test
    void theHubsStatusAndErrorAnswersToA2017071MessageAreValid2017071() {
        String fill2017 = DOWN.toScript2017071(PHARMACY_SYSTEM.rxFill("PH3", NEW_RX_ID, "RX-1", "Dispensed"))
                .xml();
        var answers = new ScriptAnswers(XML);
        var request = XML.unmarshal(fill2017);

        String status = answers.status(request, "000", SETTINGS, "HUBANSWER1", NOW);
        String error = answers.error(request, null, "900", "3000", "/Message/Body/RxFill", SETTINGS, "HUBANSWER2", NOW);

        for (String answer : new String[] {status, error}) {
            assertThat(answer)
                    .contains("TransactionVersion=\"20170715\"", "<RelatesToMessageID>PH3</RelatesToMessageID>");
            assertThat(SCHEMAS.fault2017071(answer)).isEmpty();
        }
    }

    private static String cancelRx(String reason) {
        return new CancelRxBuilder(XML).cancelRx(NEW_RX, "HUBCANCEL1", "RX-1", reason, false, NOW);
    }

    private static String response(Kind kind, String answer) {
        var builder = new ResponseBuilder(XML);
        String request = kind == Kind.RENEWAL
                ? PHARMACY_SYSTEM.rxRenewalRequest("PHREQ1", NEW_RX_ID, "RX-1")
                : PHARMACY_SYSTEM.rxChangeRequest("PHREQ1", NEW_RX_ID, "RX-1");
        return builder.response(
                builder.newRx(NEW_RX),
                request,
                new PrescriberAnswers(new ObjectMapper()).read(kind, answer),
                "HUBRESP1",
                "RX-1",
                NOW);
    }

    /** The message without insignificant whitespace and without the version attributes. */
    private static String canonical(String xml) {
        try {
            var f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Document d = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            Element root = d.getDocumentElement();
            for (String a : new String[] {
                "DatatypesVersion", "TransportVersion", "TransactionVersion", "StructuresVersion", "ECLVersion"
            }) {
                root.removeAttribute(a);
            }
            strip(root);
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            var out = new StringWriter();
            t.transform(new DOMSource(d), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void strip(Node node) {
        Node child = node.getFirstChild();
        while (child != null) {
            Node next = child.getNextSibling();
            if (child.getNodeType() == Node.TEXT_NODE && child.getTextContent().isBlank()) {
                node.removeChild(child);
            } else {
                strip(child);
            }
            child = next;
        }
    }
}
