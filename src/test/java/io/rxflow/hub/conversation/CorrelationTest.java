package io.rxflow.hub.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Keys are tried in the reference's order; the first that names exactly one prescription wins. */
class CorrelationTest {
    private static final UUID A = UUID.fromString("11111111-1111-1111-1111-111111111111");
    private static final UUID B = UUID.fromString("22222222-2222-2222-2222-222222222222");

    private static InboundMessage message(String relatesTo, String order, String rxRef) {
        return new InboundMessage("RxFill", Happening.DISPENSED, "PH1", "1234563", relatesTo, order, rxRef, Map.of());
    }

    @Test
    void relatesToWinsOverTheOtherKeys() {
        var c = Correlation.of(
                Map.of("relates_to", List.of(A), "order_number", List.of(B), "rx_reference", List.of(B)),
                message("M1", "ORD-1", "RX-1"));
        assertThat(c.prescriptionId()).isEqualTo(A);
        assertThat(c.refusal()).isNull();
    }

    @Test
    void anOrderNumberTwoPrescriptionsShareNamesNeitherAndTheRxReferenceDecides() {
        var c = Correlation.of(
                Map.of("order_number", List.of(A, B), "rx_reference", List.of(B)), message(null, "ORD-1", "RX-1"));
        assertThat(c.prescriptionId()).isEqualTo(B);
    }

    @Test
    void nothingNamedIsUncorrelatedAtTheFirstKeySent() {
        var c = Correlation.of(Map.of(), message(null, "ORD-1", "RX-1"));
        assertThat(c.uncorrelated()).isTrue();
        assertThat(c.refusal().code()).isEqualTo("900");
        assertThat(c.refusal().descriptionCode()).isEqualTo("1000");
        assertThat(c.refusal().description()).isEqualTo("/Message/Header/PrescriberOrderNumber");
    }
}
