package io.rxflow.hub.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every status against every happening: the table below is the whole machine, written out by hand. */
class ConversationStateTest {
    private static final String AT_PHARMACY =
            "dispatched delivered dispensed partially_dispensed cancel_denied renewed renewal_denied changed change_denied";
    private static final String OPEN = AT_PHARMACY + " cancel_requested renewal_requested change_requested";

    /** happening -> "from:to" pairs; "=" keeps the status. Anything not listed is refused. */
    private static Map<String, String> expected() {
        Map<String, String> t = new HashMap<>();
        for (String s : OPEN.split(" ")) {
            t.put(Happening.ACKNOWLEDGED + "|" + s, s.equals("dispatched") ? "delivered" : s);
            t.put(Happening.PHARMACY_ERROR + "|" + s, "error");
        }
        for (String s : AT_PHARMACY.split(" ")) {
            t.put(Happening.DISPENSED + "|" + s, "dispensed");
            t.put(Happening.PARTIALLY_DISPENSED + "|" + s, "partially_dispensed");
            t.put(Happening.TRANSFERRED + "|" + s, "transferred");
            t.put(Happening.CANCEL_REQUESTED + "|" + s, "cancel_requested");
            t.put(Happening.RENEWAL_REQUESTED + "|" + s, "renewal_requested");
            t.put(Happening.CHANGE_REQUESTED + "|" + s, "change_requested");
        }
        for (String s : "dispatched delivered partially_dispensed".split(" ")) {
            t.put(Happening.NOT_DISPENSED + "|" + s, "not_dispensed");
        }
        t.put(Happening.CANCEL_APPROVED + "|cancel_requested", "cancelled");
        t.put(Happening.CANCEL_DENIED + "|cancel_requested", "cancel_denied");
        t.put(Happening.RENEWAL_APPROVED + "|renewal_requested", "renewed");
        t.put(Happening.RENEWAL_DENIED + "|renewal_requested", "renewal_denied");
        t.put(Happening.CHANGE_APPROVED + "|change_requested", "changed");
        t.put(Happening.CHANGE_DENIED + "|change_requested", "change_denied");
        return t;
    }

    @Test
    void everyStatusAndHappeningGivesTheTabledNextStatusOrIsRefused() {
        Map<String, String> table = expected();
        int allowed = 0;
        for (String status : ConversationState.statuses()) {
            for (Happening h : Happening.values()) {
                String want = table.get(h + "|" + status);
                assertThat(ConversationState.next(status, h))
                        .as("%s in %s", h, status)
                        .isEqualTo(java.util.Optional.ofNullable(want));
                if (want != null) {
                    allowed++;
                }
            }
        }
        assertThat(allowed).isEqualTo(table.size());
    }

    @Test
    void finalStatusesAcceptNothing() {
        for (String status : new String[] {"cancelled", "transferred", "not_dispensed", "error", "prepared"}) {
            for (Happening h : Happening.values()) {
                assertThat(ConversationState.next(status, h))
                        .as("%s in %s", h, status)
                        .isEmpty();
            }
        }
    }

    @Test
    void statusesTheDispatchFlowWritesAreNotConversationStatesExceptSentAndDelivered() {
        assertThat(ConversationState.next("rejected_by_pharmacy", Happening.DISPENSED))
                .isEmpty();
        assertThat(ConversationState.next("routing_failed", Happening.CANCEL_REQUESTED))
                .isEmpty();
        assertThat(ConversationState.next("dispatch_failed", Happening.ACKNOWLEDGED))
                .isEmpty();
    }
}
