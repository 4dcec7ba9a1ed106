package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile and odd input on {@code /ncpdp/inbound}, from an authenticated pharmacy: each gets the SCRIPT
 * Error its fault calls for, and nothing is stored on any prescription's stream or read model.
 */
class InboundHostilityIT extends ConversationSupport {
    private Rx rx;
    private long events;
    private List<Map<String, Object>> prescriptions;

    @BeforeEach
    void aDeliveredPrescription() throws Exception {
        rx = delivered("HOSTILE-" + System.nanoTime() % 100000, BARTON);
        events = allEvents();
        prescriptions = jdbc.queryForList("SELECT id, status, version FROM prescription ORDER BY id");
    }

    @Test
    void anExternalEntityIsNeverResolved() {
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE Message [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                + rx.pharmacy()
                        .rxFill(PharmacySystem.newMessageId(), rx.newRxMessageId(), "RX-1", "Dispensed")
                        .replaceFirst("<\\?xml[^>]*>\\s*", "")
                        .replace("Filled by RPh J. Ortiz", "&xxe;");
        var answer = inbound(BARTON, xxe);
        assertError(answer, "900", "500", "/Message");
        assertThat(answer.body()).doesNotContain("root:");
        assertNothingStored();
    }

    @Test
    void entityExpansionIsRefusedBeforeAnyExpansion() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE Message [<!ENTITY a \"aaaaaaaaaa\">");
        for (char c = 'b'; c <= 'j'; c++) {
            char prev = (char) (c - 1);
            dtd.append("<!ENTITY ").append(c).append(" \"");
            dtd.append(("&" + prev + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        String bomb = "<?xml version=\"1.0\"?>\n" + dtd + "\n"
                + rx.pharmacy()
                        .rxFill(PharmacySystem.newMessageId(), rx.newRxMessageId(), "RX-1", "Dispensed")
                        .replaceFirst("<\\?xml[^>]*>\\s*", "")
                        .replace("Filled by RPh J. Ortiz", "&j;");
        assertError(inbound(BARTON, bomb), "900", "500", "/Message");
        assertNothingStored();
    }

    @Test
    void notWellFormedXmlIsASyntaxError() {
        String broken = rx.pharmacy()
                .rxFill(PharmacySystem.newMessageId(), rx.newRxMessageId(), "RX-1", "Dispensed")
                .replace("</RxFill>", "");
        assertError(inbound(BARTON, broken), "900", "500", "/Message");
        assertNothingStored();
    }

    @Test
    void a2017071MessageFromA2023011PharmacyIsTheWrongVersion() {
        String old = rx.pharmacy()
                .rxFill(PharmacySystem.newMessageId(), rx.newRxMessageId(), "RX-1", "Dispensed")
                .replaceAll("Version=\"[0-9]+\"", "Version=\"20170715\"");
        assertError(inbound(BARTON, old), "900", "3000", "/Message/@TransactionVersion");
        assertNothingStored();
    }

    @Test
    void aTransactionSCRIPTDoesNotHaveFailsTheSchemaAtItsElement() {
        String unknown = rx.pharmacy()
                .message(
                        PharmacySystem.newMessageId(),
                        rx.newRxMessageId(),
                        null,
                        null,
                        "<RxHistoryRequest><Note>all fills</Note></RxHistoryRequest>");
        assertError(inbound(BARTON, unknown), "900", "3000", "/Message/Body/RxHistoryRequest");
        assertNothingStored();
    }

    @Test
    void aFillMissingARequiredPartIsRefusedWithItsXPath() {
        String noPrescriber =
                rx.pharmacy().rxFill(PharmacySystem.newMessageId(), rx.newRxMessageId(), "RX-1", "Dispensed");
        noPrescriber = noPrescriber.substring(0, noPrescriber.indexOf("<Prescriber>"))
                + noPrescriber.substring(noPrescriber.indexOf("</Prescriber>") + "</Prescriber>".length());
        var answer = inbound(BARTON, noPrescriber);
        assertError(answer, "900", "3000", null);
        assertThat(answer.body()).contains("<Description>/Message/Body/RxFill/");
        assertNothingStored();
    }

    @Test
    void aPharmacyMayNotSendATransactionOnlyPrescribersSend() {
        String cancel = rx.pharmacy()
                .message(
                        PharmacySystem.newMessageId(),
                        rx.newRxMessageId(),
                        null,
                        null,
                        "<CancelRx>" + between(rx.newRxXml(), "<Patient>", "</NewRx>") + "</CancelRx>");
        assertError(inbound(BARTON, cancel), "900", "4030", null);
        assertNothingStored();
    }

    @Test
    void aMessageWithoutAMessageIdIsRefused() {
        String noId = rx.pharmacy().rxFill("", rx.newRxMessageId(), "RX-1", "Dispensed");
        assertError(inbound(BARTON, noId), "900", "1000", "/Message/Header/MessageID");
        assertNothingStored();
    }

    private void assertNothingStored() {
        assertThat(allEvents()).isEqualTo(events);
        assertThat(jdbc.queryForList("SELECT id, status, version FROM prescription ORDER BY id"))
                .isEqualTo(prescriptions);
    }
}
