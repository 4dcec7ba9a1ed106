package io.rxflow.hub.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.conversation.PrescriberAnswer.Kind;
import io.rxflow.hub.script.ScriptSchemas;
import io.rxflow.hub.script.ScriptXml;
import io.rxflow.hub.script.model.BodyType;
import io.rxflow.hub.script.model.Message;
import io.rxflow.hub.script.model.NewRxType;
import io.rxflow.hub.script.model.RequestingPharmacyType;
import io.rxflow.hub.script.model.RxChangeRequestType;
import io.rxflow.hub.support.BadRequestException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The hub's RxRenewalResponse and RxChangeResponse: schema-valid, related to the request, the right order. */
class ResponseBuilderTest {
    private static final ScriptXml XML = new ScriptXml(ScriptSchemas.load(null));
    private static final ResponseBuilder BUILDER = new ResponseBuilder(XML);
    private static final PrescriberAnswers ANSWERS = new PrescriberAnswers(new ObjectMapper());
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void approvesARenewalWithTheOrderWrittenTodayAndTheRefillsGiven() throws Exception {
        String xml = respond(
                Kind.RENEWAL, "{\"decision\":\"approve\",\"number_of_refills\":3,\"note\":\"Renewed for 3 months\"}");
        assertThat(xml)
                .contains("<RelatesToMessageID>PHARMACYREQ1</RelatesToMessageID>")
                .contains("<RxReferenceNumber>RX-77</RxReferenceNumber>")
                .contains("<PrescriberOrderNumber>MR000123</PrescriberOrderNumber>")
                .contains("<Approved>")
                .contains("<Note>Renewed for 3 months</Note>")
                .contains("<NumberOfRefills>3</NumberOfRefills>")
                .contains("<Date>2026-12-05</Date>");
        assertThat(xml.indexOf("<Prescriber>")).isLessThan(xml.indexOf("<MedicationResponse>"));
    }

    @Test
    void deniesARenewalWithItsReasonCodeAndEchoesTheOrderUnchanged() throws Exception {
        String xml = respond(
                Kind.RENEWAL,
                "{\"decision\":\"deny\",\"reason_code\":\"AF\",\"reason\":\"Needs a visit\","
                        + "\"prohibit_renewal_request\":true}");
        assertThat(xml)
                .contains("<Denied>")
                .contains("<ReasonCode>AF</ReasonCode>")
                .contains("<DenialReason>Needs a visit</DenialReason>")
                .doesNotContain("<Date>2026-12-05</Date>");
        // The official order: ProhibitRenewalRequest before MedicationResponse (fidelity A20).
        assertThat(xml.indexOf("<ProhibitRenewalRequest>")).isLessThan(xml.indexOf("<MedicationResponse>"));
    }

    @Test
    void approvesAChangeWithTheRequestedMedicationChangedAndEchoesItsCodes() throws Exception {
        String xml = respond(
                Kind.CHANGE,
                "{\"decision\":\"approve-with-changes\",\"quantity\":\"60\",\"days_supply\":60,"
                        + "\"sig\":\"Take 1 tablet by mouth twice daily\"}");
        assertThat(xml)
                .contains("<RxChangeResponse>")
                .contains("<MessageRequestCode>G</MessageRequestCode>")
                .contains("<ApprovedWithChanges")
                .contains("<Value>60</Value>")
                .contains("<DaysSupply>60</DaysSupply>")
                .contains("<SigText>Take 1 tablet by mouth twice daily</SigText>");
    }

    @Test
    void deniesAChangeWithoutAnyMedication() throws Exception {
        String xml = respond(Kind.CHANGE, "{\"decision\":\"deny\",\"reason_code\":\"AL\"}");
        assertThat(xml).contains("<ReasonCode>AL</ReasonCode>").doesNotContain("<MedicationPrescribed>");
    }

    @Test
    void refusesToApproveARequestedMedicationThePharmacyDidNotName() {
        assertThatThrownBy(() -> respond(Kind.CHANGE, "{\"decision\":\"approve\",\"requested\":4}"))
                .isInstanceOf(BadRequestException.class)
                .extracting("parameter")
                .isEqualTo("requested");
    }

    private static String respond(Kind kind, String answer) throws Exception {
        String newRxXml = Files.readString(
                Path.of("src/test/resources/fixtures/mapping/full-contact-details/expected-2023011.xml"));
        Message newRx = BUILDER.newRx(newRxXml);
        return BUILDER.response(newRx, request(newRx, kind), ANSWERS.read(kind, answer), "HUBRESP1", "RX-77", NOW);
    }

    /** The pharmacy's request about the NewRx (only what the builder reads has to be right). */
    private static String request(Message newRx, Kind kind) {
        NewRxType order = newRx.getBody().getNewRx();
        var body = new BodyType();
        var pharmacy = new RequestingPharmacyType();
        pharmacy.setIdentification(order.getPharmacy().getIdentification());
        pharmacy.setBusinessName(order.getPharmacy().getBusinessName());
        pharmacy.setAddress(order.getPharmacy().getAddress());
        pharmacy.setCommunicationNumbers(order.getPharmacy().getCommunicationNumbers());
        if (kind == Kind.CHANGE) {
            var change = new RxChangeRequestType();
            change.setMessageRequestCode("G");
            change.setPatient(order.getPatient());
            change.setPharmacy(pharmacy);
            change.setPrescriber(order.getPrescriber());
            change.setMedicationPrescribed(order.getMedicationPrescribed());
            change.getMedicationRequested().add(order.getMedicationPrescribed());
            body.setRxChangeRequest(change);
        } else {
            var cancel = new io.rxflow.hub.script.model.CancelRxType();
            cancel.setPatient(order.getPatient());
            cancel.setPrescriber(order.getPrescriber());
            cancel.setMedicationPrescribed(order.getMedicationPrescribed());
            body.setCancelRx(cancel);
        }
        Message request = OutboundEnvelope.wrap(newRx, "PHARMACYREQ1", null, "RX-77", NOW, body);
        return XML.marshal(request);
    }
}
