package io.rxflow.hub.conversation;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The one prescription a message's keys name (RelatesToMessageID, PrescriberOrderNumber,
 * RxReferenceNumber), or the refusal: keys naming different prescriptions, or none at all
 * ({@link #uncorrelated()}: parked). An order number shared by several prescriptions names none.
 */
record Correlation(UUID prescriptionId, InboundRefusal refusal, boolean uncorrelated) {

    static Correlation of(Map<String, List<UUID>> byKey, InboundMessage m) {
        Set<UUID> named = new HashSet<>();
        addIfSingle(named, byKey.get("relates_to"));
        addIfSingle(named, byKey.get("order_number"));
        addIfSingle(named, byKey.get("rx_reference"));
        if (named.size() == 1) {
            return new Correlation(named.iterator().next(), null, false);
        }
        String xpath = m.relatesToMessageId() != null
                ? "/Message/Header/RelatesToMessageID"
                : m.prescriberOrderNumber() != null
                        ? "/Message/Header/PrescriberOrderNumber"
                        : "/Message/Header/RxReferenceNumber";
        return new Correlation(null, InboundRefusal.rejected("1000", xpath), named.isEmpty());
    }

    private static void addIfSingle(Set<UUID> named, List<UUID> ids) {
        if (ids != null && ids.size() == 1) {
            named.add(ids.get(0));
        }
    }
}
