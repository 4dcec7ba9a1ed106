package io.rxflow.hub.conversation;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The prescription a message names, keys tried in the reference's order (ncpdp-script.md section 4):
 * RelatesToMessageID (any message the hub sent), then PrescriberOrderNumber among the sending
 * pharmacy's prescriptions, then its RxReferenceNumber. The first key that names exactly one
 * prescription wins; a key naming several (an order number two EHRs share) names none. No key naming
 * one: the refusal, {@link #uncorrelated()} (parked).
 */
record Correlation(UUID prescriptionId, InboundRefusal refusal, boolean uncorrelated) {
    private static final List<String> ORDER = List.of("relates_to", "order_number", "rx_reference");

    static Correlation of(Map<String, List<UUID>> byKey, InboundMessage m) {
        for (String key : ORDER) {
            List<UUID> ids = byKey.get(key);
            if (ids != null && ids.stream().distinct().count() == 1) {
                return new Correlation(ids.get(0), null, false);
            }
        }
        String xpath = m.relatesToMessageId() != null
                ? "/Message/Header/RelatesToMessageID"
                : m.prescriberOrderNumber() != null
                        ? "/Message/Header/PrescriberOrderNumber"
                        : "/Message/Header/RxReferenceNumber";
        return new Correlation(null, InboundRefusal.rejected("1000", xpath), true);
    }
}
