package io.rxflow.hub.support;

/** SCRIPT's "an" data type: printable ASCII (0x20-0x7E), at least one non-space, within a length. */
public final class ScriptText {
    private ScriptText() {}

    /** True when every character is printable ASCII or space (no tab, CR, LF, accents or curly quotes). */
    public static boolean isAscii(String value) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** True when the value fits SCRIPT's length limit for the element. */
    public static boolean fits(String value, int maxLength) {
        return value == null || value.length() <= maxLength;
    }
}
