package io.rxflow.hub.support;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * National Drug Code normalisation. FHIR carries the FDA's hyphenated 10-digit layouts (4-4-2, 5-3-2,
 * 5-4-1); SCRIPT wants 11 digits (5-4-2). An unhyphenated 10-digit code has no known layout and is
 * refused rather than guessed.
 */
public final class Ndc {
    private static final Pattern HYPHENATED = Pattern.compile("([0-9]{4,5})-([0-9]{3,4})-([0-9]{1,2})");
    private static final Pattern ELEVEN = Pattern.compile("[0-9]{11}");

    private Ndc() {}

    /** The 11-digit 5-4-2 form, or empty when the code is in no recognised layout. */
    public static Optional<String> toEleven(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.strip();
        if (ELEVEN.matcher(c).matches()) {
            return Optional.of(c);
        }
        var m = HYPHENATED.matcher(c);
        if (!m.matches()) {
            return Optional.empty();
        }
        String labeler = m.group(1);
        String product = m.group(2);
        String pack = m.group(3);
        int total = labeler.length() + product.length() + pack.length();
        if (total == 11 && labeler.length() == 5 && product.length() == 4 && pack.length() == 2) {
            return Optional.of(labeler + product + pack);
        }
        if (total != 10) {
            return Optional.empty();
        }
        return Optional.of(pad(labeler, 5) + pad(product, 4) + pad(pack, 2));
    }

    private static String pad(String segment, int width) {
        return "0".repeat(width - segment.length()) + segment;
    }
}
