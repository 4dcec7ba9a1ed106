package io.rxflow.hub.intake.validation;

import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.r5.model.Annotation;
import org.hl7.fhir.r5.model.Dosage;
import org.hl7.fhir.r5.model.MedicationRequest;

/**
 * The free text of an order that SCRIPT carries: order number, notes and the Sig. The Sig is the legal
 * "directions for use", so it must arrive as text; the hub never writes it from structured timing.
 */
final class OrderTextRules {
    static final int ORDER_NUMBER_MAX = 35;
    static final int NOTE_MAX = 210;
    static final int SIG_MAX = 1000;
    /** How the mapper joins several notes or Sig lines into one SCRIPT element; lengths count it. */
    static final String JOIN = " ";

    private OrderTextRules() {}

    static void check(MedicationRequest request, Findings findings) {
        for (int i = 0; i < request.getIdentifier().size(); i++) {
            findings.scriptText(
                    "MedicationRequest.identifier[" + i + "].value",
                    request.getIdentifier().get(i).getValue(),
                    ORDER_NUMBER_MAX);
        }
        checkNotes(request, findings);
        if (request.hasRenderedDosageInstruction()) {
            findings.scriptText(
                    "MedicationRequest.renderedDosageInstruction", request.getRenderedDosageInstruction(), SIG_MAX);
        } else {
            checkSigLines(request.getDosageInstruction(), findings);
        }
    }

    private static void checkNotes(MedicationRequest request, Findings findings) {
        for (int i = 0; i < request.getNote().size(); i++) {
            findings.ascii(
                    "MedicationRequest.note[" + i + "].text",
                    request.getNote().get(i).getText());
        }
        String joined = request.getNote().stream()
                .filter(Annotation::hasText)
                .map(Annotation::getText)
                .collect(Collectors.joining(JOIN));
        findings.length(joinedPath("MedicationRequest.note", request.getNote().size()), joined, NOTE_MAX);
    }

    private static void checkSigLines(List<Dosage> lines, Findings findings) {
        if (lines.isEmpty()) {
            findings.add(
                    "MedicationRequest.dosageInstruction",
                    Rule.SIG_TEXT_MISSING,
                    "directions for use (dosageInstruction.text or renderedDosageInstruction) are required");
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            String path = "MedicationRequest.dosageInstruction[" + i + "].text";
            if (!lines.get(i).hasText() || lines.get(i).getText().isBlank()) {
                findings.add(path, Rule.SIG_TEXT_MISSING, "every dosage line needs its directions as text");
            }
            findings.ascii(path, lines.get(i).getText());
        }
        // Order does not change the length, so the sequence sort the mapper does is not needed here.
        String joined =
                lines.stream().filter(Dosage::hasText).map(Dosage::getText).collect(Collectors.joining(JOIN));
        findings.length(joinedPath("MedicationRequest.dosageInstruction", lines.size()), joined, SIG_MAX);
    }

    // A lone note or line is named itself, so the EHR is pointed at the one element to shorten.
    private static String joinedPath(String element, int count) {
        return count == 1 ? element + "[0].text" : element + ".text";
    }
}
