package io.rxflow.hub.intake.validation;

import io.rxflow.hub.support.ScriptText;
import io.rxflow.hub.support.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * The violations of one validation run. The SCRIPT text check lives here because every resource
 * carries text that ends up in an {@code an} element.
 */
final class Findings {
    private final List<Violation> violations = new ArrayList<>();

    /** Records a violation; {@code message} must describe the problem without quoting the value. */
    void add(String expression, Rule rule, String message) {
        violations.add(new Violation(expression, message, rule.code()));
    }

    /**
     * Refuses text SCRIPT cannot carry as sent: the hub never transliterates or truncates, because
     * changing signed content invalidates the prescription (21 CFR 1311.170(e)).
     */
    void scriptText(String expression, String value, int maxLength) {
        ascii(expression, value);
        length(expression, value, maxLength);
    }

    /** Refuses characters outside printable ASCII, naming only the element. */
    void ascii(String expression, String value) {
        if (!ScriptText.isAscii(value)) {
            add(
                    expression,
                    Rule.TEXT_NOT_ASCII,
                    "contains characters SCRIPT cannot carry (only printable ASCII 0x20-0x7E: no accents, curly"
                            + " quotes, tabs or line breaks); the EHR must send the ASCII form");
        }
    }

    /** Refuses a value longer than its SCRIPT element; used alone for text joined from several parts. */
    void length(String expression, String value, int maxLength) {
        if (!ScriptText.fits(value, maxLength)) {
            add(
                    expression,
                    Rule.TEXT_TOO_LONG,
                    "is longer than the " + maxLength + " characters SCRIPT allows here; the hub never truncates");
        }
    }

    List<Violation> list() {
        return List.copyOf(violations);
    }
}
