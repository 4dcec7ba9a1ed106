package io.rxflow.hub.conversation;

import io.rxflow.hub.script.ScriptXml;
import io.rxflow.hub.script.model.BodyType;
import io.rxflow.hub.script.model.CancelRxType;
import io.rxflow.hub.script.model.Message;
import io.rxflow.hub.script.model.NewRxType;
import java.time.Instant;
import java.util.Set;

/**
 * The CancelRx for a NewRx (reference section 4): new MessageID, RelatesToMessageID = the NewRx's
 * MessageID, the same To, From and PrescriberOrderNumber, the pharmacy's RxReferenceNumber when known,
 * and the NewRx's Patient, Pharmacy, Prescriber and full MedicationPrescribed as sent. Marshalled with
 * {@link ScriptXml}, so it is schema-valid or not produced.
 */
public final class CancelRxBuilder {
    /** ReasonForCancellation codes (codes/reason-for-cancellation.csv). */
    public static final Set<String> REASONS = Set.of("ALL", "CHG", "COM", "DOD", "DOS", "ERR", "INT", "PTR", "TOC");

    private final ScriptXml xml;

    public CancelRxBuilder(ScriptXml xml) {
        this.xml = xml;
    }

    /**
     * {@code dispensedBefore}: some of it was dispensed, so the remaining refills are discontinued
     * (ChangeOfPrescriptionStatusCode D); otherwise the not-yet-dispensed prescription is cancelled (C).
     */
    public String cancelRx(
            String newRxXml,
            String messageId,
            String rxReference,
            String reason,
            boolean dispensedBefore,
            Instant now) {
        Message newRx = xml.unmarshal(newRxXml);
        NewRxType order = newRx.getBody().getNewRx();
        var cancel = new CancelRxType();
        cancel.setChangeOfPrescriptionStatusCode(dispensedBefore ? "D" : "C");
        if (reason != null) {
            cancel.getReasonForCancellation().add(reason);
        }
        cancel.setPatient(order.getPatient());
        cancel.setPharmacy(order.getPharmacy());
        cancel.setPrescriber(order.getPrescriber());
        cancel.setMedicationPrescribed(order.getMedicationPrescribed());
        var body = new BodyType();
        body.setCancelRx(cancel);
        Message message =
                OutboundEnvelope.wrap(newRx, messageId, newRx.getHeader().getMessageID(), rxReference, now, body);
        return xml.marshal(message);
    }
}
