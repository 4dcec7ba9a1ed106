package io.rxflow.hub.simulator;

import java.util.Locale;

/** How a simulated pharmacy behaves right now: answering, down (HTTP 503) or refusing (SCRIPT Error). */
public enum PharmacyMode {
    UP,
    DOWN,
    ERROR;

    /** Reads {@code up}, {@code down} or {@code error}, any case, surrounding blanks ignored. */
    public static PharmacyMode parse(String text) {
        String value = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        for (PharmacyMode mode : values()) {
            if (mode.name().equals(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("mode must be up, down or error");
    }
}
