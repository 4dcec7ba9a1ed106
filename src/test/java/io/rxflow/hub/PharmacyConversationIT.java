package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The conversation after the NewRx, through the real routes: a prescription goes to the simulator over
 * HTTP, then the pharmacy's system posts its follow-ups to /ncpdp/inbound with its own credential
 * (config/pharmacies.yaml demo credentials), and the events, the status and the answers are checked.
 */
class PharmacyConversationIT extends ConversationSupport {

    @Test
    void fillsMoveTheDeliveredPrescriptionAndAreAnsweredWithStatus000() throws Exception {
        Rx rx = delivered("FILL-1", BARTON);
        String id1 = PharmacySystem.newMessageId();
        var answer = inbound(BARTON, rx.pharmacy().rxFill(id1, rx.newRxMessageId(), "RX-7001", "PartiallyDispensed"));
        assertStatus000(answer, id1);
        assertThat(status(rx.id())).isEqualTo("partially_dispensed");

        // Later the pharmacy names the prescription by its own number only.
        String id2 = PharmacySystem.newMessageId();
        assertStatus000(inbound(BARTON, rx.pharmacy().rxFill(id2, null, "RX-7001", "Dispensed")), id2);
        assertThat(status(rx.id())).isEqualTo("dispensed");
        assertThat(eventTypes(rx.id())).endsWith("RxFillReceived", "RxFillReceived");
        JsonNode last = lastEvent(rx.id());
        assertThat(last.at("/payload/fill_status").asText()).isEqualTo("Dispensed");
        assertThat(last.at("/payload/status_before").asText()).isEqualTo("partially_dispensed");
        assertThat(last.get("actor").asText()).isEqualTo("pharmacy-" + BARTON);
    }

    @Test
    void notDispensedAndTransferredAreFinal() throws Exception {
        Rx notDispensed = delivered("FILL-2", BARTON);
        assertStatus000(
                inbound(
                        BARTON,
                        notDispensed
                                .pharmacy()
                                .rxFill(
                                        PharmacySystem.newMessageId(),
                                        notDispensed.newRxMessageId(),
                                        "RX-7002",
                                        "NotDispensed")),
                null);
        assertThat(status(notDispensed.id())).isEqualTo("not_dispensed");
        assertThat(lastEvent(notDispensed.id()).at("/payload/reason_code").asText())
                .isEqualTo("AE");

        Rx transferred = delivered("FILL-3", BARTON);
        assertStatus000(
                inbound(
                        BARTON,
                        transferred
                                .pharmacy()
                                .rxFill(
                                        PharmacySystem.newMessageId(),
                                        transferred.newRxMessageId(),
                                        "RX-7003",
                                        "Transferred")),
                null);
        assertThat(status(transferred.id())).isEqualTo("transferred");

        // A fill after the transfer is not applied: refused, recorded, status unchanged.
        int events = eventTypes(transferred.id()).size();
        String late = PharmacySystem.newMessageId();
        var refused = inbound(
                BARTON, transferred.pharmacy().rxFill(late, transferred.newRxMessageId(), "RX-7003", "Dispensed"));
        assertError(refused, "900", "2000", "/Message/Body/RxFill");
        assertThat(status(transferred.id())).isEqualTo("transferred");
        assertThat(eventTypes(transferred.id())).hasSize(events + 1).endsWith("TransitionRefused");
    }

    @Test
    void renewalAndChangeRequestsBecomeEventsAndStatuses() throws Exception {
        Rx renew = delivered("RENEW-1", BARTON);
        assertStatus000(
                inbound(
                        BARTON,
                        renew.pharmacy()
                                .rxRenewalRequest(PharmacySystem.newMessageId(), renew.newRxMessageId(), "RX-7101")),
                null);
        assertThat(status(renew.id())).isEqualTo("renewal_requested");
        assertThat(eventTypes(renew.id())).endsWith("RxRenewalRequested");

        Rx change = delivered("CHANGE-1", BARTON);
        assertStatus000(
                inbound(
                        BARTON,
                        change.pharmacy()
                                .rxChangeRequest(PharmacySystem.newMessageId(), change.newRxMessageId(), "RX-7102")),
                null);
        assertThat(status(change.id())).isEqualTo("change_requested");
        assertThat(lastEvent(change.id()).at("/payload/message_request_code").asText())
                .isEqualTo("G");
    }

    @Test
    void aCancelResponseWithoutACancelIsRefusedAndRecorded() throws Exception {
        Rx rx = delivered("CANCEL-0", BARTON);
        var answer = inbound(
                BARTON, rx.pharmacy().cancelRxResponse(PharmacySystem.newMessageId(), rx.newRxMessageId(), null, true));
        assertError(answer, "900", "2000", "/Message/Body/CancelRxResponse");
        assertThat(status(rx.id())).isEqualTo("delivered");
        JsonNode refusal = lastEvent(rx.id());
        assertThat(refusal.get("type").asText()).isEqualTo("TransitionRefused");
        assertThat(refusal.at("/payload/happening").asText()).isEqualTo("CANCEL_APPROVED");
    }

    @Test
    void aDuplicateIsAnsweredAsTheFirstTimeAndRecordedOnce() throws Exception {
        Rx rx = delivered("DUP-1", BARTON);
        String messageId = PharmacySystem.newMessageId();
        String fill = rx.pharmacy().rxFill(messageId, rx.newRxMessageId(), "RX-7201", "Dispensed");
        var first = inbound(BARTON, fill);
        var second = inbound(BARTON, fill);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(eventTypes(rx.id()).stream().filter("RxFillReceived"::equals))
                .hasSize(1);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM pharmacy_message WHERE message_id = ?", Integer.class, messageId))
                .isEqualTo(1);
    }

    @Test
    void aMessageThatNamesNoPrescriptionIsAnsweredWithAnErrorParkedAndListed() throws Exception {
        Rx rx = delivered("LOST-1", BARTON);
        String messageId = PharmacySystem.newMessageId();
        long eventsBefore = allEvents();
        String orphan = rx.pharmacy()
                .message(
                        messageId,
                        "ABCDEF0123456789ABCDEF0123456789",
                        "RX-9999",
                        "NO-SUCH-ORDER",
                        "<RxFill><StatusType><Dispensed/></StatusType>"
                                + between(rx.pharmacy().rxFill("x", null, null, "Dispensed"), "<Patient>", "</RxFill>")
                                + "</RxFill>");
        assertError(inbound(BARTON, orphan), "900", "1000", "/Message/Header/RelatesToMessageID");
        assertThat(allEvents()).isEqualTo(eventsBefore);
        JsonNode parked = JSON.readTree(
                hub().get("/api/v1/pharmacy-messages?outcome=parked").body());
        List<String> ids = new ArrayList<>();
        parked.forEach(p -> ids.add(p.get("message_id").asText()));
        assertThat(ids).contains(messageId);
        for (JsonNode p : parked) {
            if (p.get("message_id").asText().equals(messageId)) {
                assertThat(p.get("pharmacy_ncpdp_id").asText()).isEqualTo(BARTON);
                assertThat(p.get("transaction_type").asText()).isEqualTo("RxFill");
                assertThat(p.toString()).doesNotContain("Patient");
            }
        }
    }

    @Test
    void anotherPharmacysPrescriptionIsRefusedAndNothingIsStoredOnIt() throws Exception {
        Rx rx = delivered("OTHER-1", BARTON);
        List<String> before = eventTypes(rx.id());
        var riverside = new PharmacySystem(rx.newRxXml(), RIVERSIDE);
        var answer = inbound(
                RIVERSIDE, riverside.rxFill(PharmacySystem.newMessageId(), rx.newRxMessageId(), "RX-1", "Dispensed"));
        assertError(answer, "900", "1000", "/Message/Header/RelatesToMessageID");
        assertThat(eventTypes(rx.id())).isEqualTo(before);
        assertThat(status(rx.id())).isEqualTo("delivered");
        // And a pharmacy may not pretend to be another one in Header/From.
        var pretending = inbound(
                RIVERSIDE,
                rx.pharmacy().rxFill(PharmacySystem.newMessageId(), rx.newRxMessageId(), "RX-1", "Dispensed"));
        assertError(pretending, "900", "1000", "/Message/Header/From");
        assertThat(eventTypes(rx.id())).isEqualTo(before);
    }

    @Test
    void withoutThePharmacysOwnCredentialNothingIsRead() throws Exception {
        Rx rx = delivered("AUTH-1", BARTON);
        String fill = rx.pharmacy().rxFill(PharmacySystem.newMessageId(), rx.newRxMessageId(), "RX-1", "Dispensed");
        var noAuth = post(fill, null);
        assertThat(noAuth.statusCode()).isEqualTo(401);
        assertThat(noAuth.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(post(fill, basic(BARTON, "simulator-3456786")).statusCode()).isEqualTo(401);
        // An EHR's API key is not a pharmacy credential.
        var apiKey = hub().send(hub().request("/ncpdp/inbound")
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(fill))
                .build());
        assertThat(apiKey.statusCode()).isEqualTo(401);
        assertThat(status(rx.id())).isEqualTo("delivered");
    }
}
