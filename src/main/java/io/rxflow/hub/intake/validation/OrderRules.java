package io.rxflow.hub.intake.validation;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.MedicationRequest.MedicationRequestIntent;
import org.hl7.fhir.r5.model.MedicationRequest.MedicationrequestStatus;
import org.hl7.fhir.r5.model.Quantity;

/** MedicationRequest rules: a signed, active order (not a proposal), its written date and what to dispense. */
final class OrderRules {
    // A NewRx is sent only for a real order; proposal, plan, filler-order and the rest are refused (§8).
    private static final Set<MedicationRequestIntent> ORDER_INTENTS =
            EnumSet.of(MedicationRequestIntent.ORDER, MedicationRequestIntent.ORIGINALORDER);
    private static final int MAX_REFILLS_CIII_TO_CV = 5;

    private OrderRules() {}

    static void check(MedicationRequest request, Optional<String> schedule, Clock clock, Findings findings) {
        checkIntentAndStatus(request, findings);
        checkWrittenDate(request, clock, findings);
        checkQuantity(request, findings);
        schedule.ifPresent(s -> checkRefills(request, s, findings));
    }

    private static void checkIntentAndStatus(MedicationRequest request, Findings findings) {
        if (!request.hasIntent() || !ORDER_INTENTS.contains(request.getIntent())) {
            findings.add(
                    "MedicationRequest.intent",
                    Rule.ORDER_INTENT_INVALID,
                    "intent must be 'order' or 'original-order' to send a new prescription");
        }
        if (request.getStatus() != MedicationrequestStatus.ACTIVE) {
            findings.add("MedicationRequest.status", Rule.ORDER_STATUS_NOT_ACTIVE, "status must be 'active' to send");
        }
        if (request.hasDoNotPerform() && request.getDoNotPerform()) {
            findings.add(
                    "MedicationRequest.doNotPerform",
                    Rule.ORDER_DO_NOT_PERFORM,
                    "an order not to give a medication cannot be sent as a prescription");
        }
        if (request.hasReported() && request.getReported()) {
            findings.add(
                    "MedicationRequest.reported",
                    Rule.ORDER_REPORTED,
                    "a reported (secondary-source) medication is not a prescription to send");
        }
    }

    private static void checkWrittenDate(MedicationRequest request, Clock clock, Findings findings) {
        String path = "MedicationRequest.authoredOn";
        if (!request.hasAuthoredOnElement() || !request.getAuthoredOnElement().hasValue()) {
            findings.add(path, Rule.WRITTEN_DATE_MISSING, "the written date (authoredOn) is required");
        } else if (!Dates.isComplete(request.getAuthoredOnElement())) {
            findings.add(path, Rule.WRITTEN_DATE_INCOMPLETE, "the written date must give at least a whole day");
        } else if (Dates.isInFuture(request.getAuthoredOnElement(), clock)) {
            findings.add(path, Rule.WRITTEN_DATE_IN_FUTURE, "the written date is in the future");
        }
    }

    private static void checkQuantity(MedicationRequest request, Findings findings) {
        String path = "MedicationRequest.dispenseRequest.quantity";
        if (!request.hasDispenseRequest() || !request.getDispenseRequest().hasQuantity()) {
            findings.add(path, Rule.QUANTITY_MISSING, "the quantity to dispense is required");
            return;
        }
        Quantity quantity = request.getDispenseRequest().getQuantity();
        if (!quantity.hasValue() || quantity.getValue().signum() <= 0) {
            findings.add(path + ".value", Rule.QUANTITY_NOT_POSITIVE, "the quantity to dispense must be above zero");
        }
        if (!quantity.hasCode() || quantity.getCode().isBlank()) {
            findings.add(
                    path + ".code",
                    Rule.QUANTITY_UNIT_MISSING,
                    "the quantity needs a coded unit (NCI Thesaurus, UCUM or v3-orderableDrugForm)");
        }
    }

    /** Refill limits by schedule: none for CII (21 CFR 1306.12(a)), at most 5 for CIII-CV (1306.22). */
    private static void checkRefills(MedicationRequest request, String schedule, Findings findings) {
        String path = "MedicationRequest.dispenseRequest.numberOfRepeatsAllowed";
        int refills =
                request.hasDispenseRequest() ? request.getDispenseRequest().getNumberOfRepeatsAllowed() : 0;
        if ("CII".equals(schedule) && refills > 0) {
            findings.add(path, Rule.REFILLS_CII_NOT_ALLOWED, "a Schedule II prescription cannot have refills");
        } else if (refills > MAX_REFILLS_CIII_TO_CV) {
            findings.add(
                    path,
                    Rule.REFILLS_OVER_CONTROLLED_LIMIT,
                    "a controlled-substance prescription allows at most " + MAX_REFILLS_CIII_TO_CV + " refills");
        }
    }
}
