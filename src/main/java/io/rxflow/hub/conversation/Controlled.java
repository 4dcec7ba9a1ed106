package io.rxflow.hub.conversation;

import io.rxflow.hub.script.model.Message;

/**
 * Whether a NewRx is a controlled-substance order (a DEA schedule other than Unspecified, or a
 * DigitalSignature): its renewal or change is fillable only with the prescriber's signature
 * (reference section 9), which the hub never makes.
 */
final class Controlled {
    private static final String UNSPECIFIED = "C38046";

    private Controlled() {}

    static boolean order(Message newRx) {
        if (newRx.getHeader().getDigitalSignature() != null) {
            return true;
        }
        var product = newRx.getBody().getNewRx().getMedicationPrescribed().getProduct();
        if (product == null || product.getDrugCoded() == null) {
            return false;
        }
        var schedule = product.getDrugCoded().getDEASchedule();
        return schedule != null && schedule.getCode() != null && !UNSPECIFIED.equals(schedule.getCode());
    }
}
