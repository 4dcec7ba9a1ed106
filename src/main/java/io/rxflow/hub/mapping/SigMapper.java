package io.rxflow.hub.mapping;

import io.rxflow.hub.script.model.SigType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.r5.model.Dosage;
import org.hl7.fhir.r5.model.MedicationRequest;

/**
 * Directions for use. SigText is the legal text: it comes from {@code renderedDosageInstruction}, else
 * from the dosage lines' own texts in sequence order; it is never generated from structured timing. The
 * optional structured Sig is added after it only when every dosage line is fully expressible
 * ({@link StructuredSigMapper}); otherwise SigText alone is sent, which SCRIPT allows.
 */
final class SigMapper {
    static final int MAX_SIG = 1000;

    private SigMapper() {}

    static SigType map(MedicationRequest mr, Refusals r, boolean structured) {
        String text;
        if (mr.hasRenderedDosageInstruction()) {
            text = r.text(mr.getRenderedDosageInstruction(), "MedicationRequest.renderedDosageInstruction", MAX_SIG);
        } else if (mr.hasDosageInstruction()) {
            text = joinLines(mr.getDosageInstruction(), r);
        } else {
            r.add(
                    "MedicationRequest.dosageInstruction",
                    "directions for use (dosage text) are required",
                    "sig-missing");
            return null;
        }
        if (text == null) {
            return null;
        }
        var sig = new SigType();
        sig.setSigText(text);
        if (structured && mr.hasDosageInstruction()) {
            StructuredSigMapper.map(mr.getDosageInstruction()).applyTo(sig);
        }
        return sig;
    }

    /**
     * Line indices in prescription order: by {@code sequence}, or the list order when no line has one.
     * Null when some lines have a sequence and others not: for a taper the order is the prescription.
     */
    static List<Integer> order(List<Dosage> lines) {
        boolean anySequence = lines.stream().anyMatch(Dosage::hasSequence);
        if (anySequence && !lines.stream().allMatch(Dosage::hasSequence)) {
            return null;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> anySequence ? lines.get(i).getSequence() : i));
        return order;
    }

    /** Lines with the same sequence are taken together; without sequences each line follows the last. */
    static boolean concurrent(Dosage previous, Dosage current) {
        return previous.hasSequence() && current.hasSequence() && previous.getSequence() == current.getSequence();
    }

    /**
     * Lines with the same sequence are concurrent ("; and "), a higher sequence follows ("; then ").
     * Without any sequence the list order is the order. A mix of lines with and without a sequence is
     * ambiguous for a taper and refused. A line without text cannot be carried without inventing it.
     */
    private static String joinLines(List<Dosage> lines, Refusals r) {
        List<Integer> order = order(lines);
        if (order == null) {
            r.add(
                    "MedicationRequest.dosageInstruction.sequence",
                    "either every dosage line has a sequence or none has",
                    "sig-sequence-ambiguous");
            return null;
        }
        var sb = new StringBuilder();
        boolean ok = true;
        for (int k = 0; k < order.size(); k++) {
            int i = order.get(k);
            String line = r.requiredText(
                    lines.get(i).getText(),
                    "MedicationRequest.dosageInstruction[" + i + "].text",
                    MAX_SIG,
                    "The dosage text");
            if (line == null) {
                ok = false;
                continue;
            }
            if (k > 0) {
                sb.append(concurrent(lines.get(order.get(k - 1)), lines.get(i)) ? "; and " : "; then ");
            }
            sb.append(line.strip());
        }
        return ok ? r.text(sb.toString(), "MedicationRequest.dosageInstruction", MAX_SIG) : null;
    }
}
