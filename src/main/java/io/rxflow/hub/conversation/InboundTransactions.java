package io.rxflow.hub.conversation;

import io.rxflow.hub.script.model.BodyType;
import io.rxflow.hub.script.model.HeaderType;
import io.rxflow.hub.script.model.Message;
import io.rxflow.hub.script.model.RxFillStatusType;
import java.util.LinkedHashMap;
import java.util.Map;

/** Which transaction a schema-valid message carries and what happens to the prescription because of it. */
final class InboundTransactions {
    private InboundTransactions() {}

    static InboundMessage read(Message message) {
        HeaderType h = message.getHeader();
        BodyType b = message.getBody();
        Map<String, Object> details = new LinkedHashMap<>();
        String transaction;
        Happening happening;
        if (b.getRxFill() != null) {
            transaction = "RxFill";
            happening = fill(b.getRxFill().getStatusType(), details);
        } else if (b.getCancelRxResponse() != null) {
            transaction = "CancelRxResponse";
            var response = b.getCancelRxResponse().getResponse();
            if (response.getApproved() != null) {
                happening = Happening.CANCEL_APPROVED;
                put(details, "note", response.getApproved().getNote());
            } else {
                happening = Happening.CANCEL_DENIED;
                details.put("reason_codes", response.getDenied().getReasonCode());
                put(details, "denial_reason", response.getDenied().getDenialReason());
            }
        } else if (b.getRxRenewalRequest() != null) {
            transaction = "RxRenewalRequest";
            happening = Happening.RENEWAL_REQUESTED;
            var dispensed = b.getRxRenewalRequest().getMedicationDispensed();
            put(details, "drug_description", dispensed == null ? null : dispensed.getDrugDescription());
        } else if (b.getRxChangeRequest() != null) {
            transaction = "RxChangeRequest";
            happening = Happening.CHANGE_REQUESTED;
            put(details, "message_request_code", b.getRxChangeRequest().getMessageRequestCode());
            details.put("message_request_subcodes", b.getRxChangeRequest().getMessageRequestSubCode());
            put(details, "change_reason", b.getRxChangeRequest().getChangeReasonText());
        } else if (b.getStatus() != null || b.getVerify() != null) {
            transaction = b.getStatus() != null ? "Status" : "Verify";
            happening = Happening.ACKNOWLEDGED;
            put(details, "code", b.getStatus() != null ? b.getStatus().getCode() : "010");
        } else if (b.getError() != null) {
            transaction = "Error";
            happening = Happening.PHARMACY_ERROR;
            put(details, "code", b.getError().getCode());
            details.put("description_codes", b.getError().getDescriptionCode());
        } else {
            // NewRx, CancelRx, RxRenewalResponse, RxChangeResponse: the prescriber's side sends those.
            throw InboundRefusal.rejected("4030", "Sender not allowed to send this transaction type");
        }
        details.put("transaction", transaction);
        return new InboundMessage(
                transaction,
                happening,
                h.getMessageID().strip(),
                h.getFrom() == null ? null : h.getFrom().getValue(),
                blankToNull(h.getRelatesToMessageID()),
                blankToNull(h.getPrescriberOrderNumber()),
                blankToNull(h.getRxReferenceNumber()),
                details);
    }

    private static Happening fill(RxFillStatusType status, Map<String, Object> details) {
        if (status.getDispensed() != null) {
            put(details, "note", status.getDispensed().getNote());
            details.put("fill_status", "Dispensed");
            return Happening.DISPENSED;
        }
        if (status.getPartiallyDispensed() != null) {
            put(details, "note", status.getPartiallyDispensed().getNote());
            details.put("fill_status", "PartiallyDispensed");
            return Happening.PARTIALLY_DISPENSED;
        }
        if (status.getNotDispensed() != null) {
            put(details, "reason_code", status.getNotDispensed().getReasonCode());
            put(details, "note", status.getNotDispensed().getNote());
            details.put("fill_status", "NotDispensed");
            return Happening.NOT_DISPENSED;
        }
        if (status.getTransferred() != null) {
            put(details, "note", status.getTransferred().getNote());
            details.put("fill_status", "Transferred");
            return Happening.TRANSFERRED;
        }
        // EventNotification and Profiled carry no fill the state machine knows.
        throw InboundRefusal.rejected("4040", "Receiver does not support this RxFill StatusType");
    }

    private static void put(Map<String, Object> details, String key, String value) {
        if (value != null && !value.isBlank()) {
            details.put(key, value.strip());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
