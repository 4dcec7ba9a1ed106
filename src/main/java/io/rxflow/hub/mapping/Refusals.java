package io.rxflow.hub.mapping;

import io.rxflow.hub.support.ScriptText;
import io.rxflow.hub.support.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every reason one prescription cannot become a NewRx, so the EHR gets them all at once
 * instead of fixing one per round trip. Messages name the element and the rule, never its value (PHI).
 */
final class Refusals {
    private final List<Violation> violations = new ArrayList<>();

    void add(String expression, String message, String rule) {
        violations.add(new Violation(expression, message, rule));
    }

    void missing(String expression, String what) {
        add(expression, what + " is required for a NewRx", "required");
    }

    /**
     * The value when SCRIPT can carry it unchanged, else null with the reason recorded. Blank counts as
     * absent (SCRIPT forbids empty elements). Never truncates: 21 CFR 1311.170(e) makes any change to
     * a controlled-substance prescription in transit invalidate it.
     */
    String text(String value, String expression, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!ScriptText.isAscii(value)) {
            add(
                    expression,
                    "contains characters SCRIPT cannot carry (printable ASCII only; no accents, curly quotes,"
                            + " tabs or line breaks): the EHR must supply the ASCII form before signing",
                    "non-ascii-text");
            return null;
        }
        if (!ScriptText.fits(value, maxLength)) {
            add(expression, "is longer than the SCRIPT limit of " + maxLength + " characters", "length-exceeded");
            return null;
        }
        return value;
    }

    /** Like {@link #text} but records a missing value too. */
    String requiredText(String value, String expression, int maxLength, String what) {
        if (value == null || value.isBlank()) {
            missing(expression, what);
            return null;
        }
        return text(value, expression, maxLength);
    }

    boolean isEmpty() {
        return violations.isEmpty();
    }

    List<Violation> list() {
        return List.copyOf(violations);
    }
}
