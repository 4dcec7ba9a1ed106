package io.rxflow.hub.conversation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prescriber's answer to a pharmacy's RxRenewalRequest or RxChangeRequest, checked
 * ({@link PrescriberAnswers}): the decision, a denial's ReasonCode and text, and what an approval
 * changes in the order. Null fields were not given.
 */
public record PrescriberAnswer(
        Kind kind,
        Decision decision,
        String reasonCode,
        String reason,
        String note,
        Integer numberOfRefills,
        String quantity,
        Integer daysSupply,
        String sig,
        int requested,
        Boolean prohibitRenewalRequest) {

    /** Which request is answered. */
    public enum Kind {
        RENEWAL("RxRenewalRequest", "RxRenewalResponse"),
        CHANGE("RxChangeRequest", "RxChangeResponse");

        private final String request;
        private final String response;

        Kind(String request, String response) {
            this.request = request;
            this.response = response;
        }

        public String request() {
            return request;
        }

        public String response() {
            return response;
        }
    }

    /** The Response choice the hub sends; {@code REPLACE} exists for renewals only. */
    public enum Decision {
        APPROVE("approve"),
        APPROVE_WITH_CHANGES("approve-with-changes"),
        DENY("deny"),
        REPLACE("replace");

        private final String text;

        Decision(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        public boolean approves() {
            return this != DENY;
        }
    }

    /** The state machine's input for this answer. */
    Happening happening() {
        boolean approved = decision.approves();
        return kind == Kind.RENEWAL
                ? (approved ? Happening.RENEWAL_APPROVED : Happening.RENEWAL_DENIED)
                : (approved ? Happening.CHANGE_APPROVED : Happening.CHANGE_DENIED);
    }

    /** What the event records of the answer (the prescriber's own words included; never logged). */
    Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("decision", decision.text());
        putIf(d, "reason_code", reasonCode);
        putIf(d, "denial_reason", reason);
        putIf(d, "note", note);
        putIf(d, "number_of_refills", numberOfRefills);
        putIf(d, "quantity", quantity);
        putIf(d, "days_supply", daysSupply);
        putIf(d, "sig", sig);
        if (kind == Kind.CHANGE && decision.approves()) {
            d.put("requested", requested);
        }
        putIf(d, "prohibit_renewal_request", prohibitRenewalRequest);
        return d;
    }

    private static void putIf(Map<String, Object> d, String key, Object value) {
        if (value != null) {
            d.put(key, value);
        }
    }
}
