package io.rxflow.hub.support;

import java.util.regex.Pattern;

/** DEA registration number: two letters, seven digits with a check digit, optional "-suffix". */
public final class DeaNumber {
    private static final Pattern FORMAT = Pattern.compile("([A-Z])([A-Z9])([0-9]{7})(-[A-Z0-9]{1,25})?");

    private DeaNumber() {}

    /** True when the format and the check digit are right (the DEA registry stays the authority). */
    public static boolean isValid(String value) {
        if (value == null) {
            return false;
        }
        var m = FORMAT.matcher(value);
        if (!m.matches()) {
            return false;
        }
        String d = m.group(3);
        int odd = digit(d, 0) + digit(d, 2) + digit(d, 4);
        int even = digit(d, 1) + digit(d, 3) + digit(d, 5);
        return (odd + 2 * even) % 10 == digit(d, 6);
    }

    /** True when the second letter matches the surname initial ('9' marks a business registration). */
    public static boolean matchesSurname(String value, String surname) {
        if (value == null || value.length() < 2 || surname == null || surname.isBlank()) {
            return false;
        }
        char second = value.charAt(1);
        return second == '9' || second == Character.toUpperCase(surname.strip().charAt(0));
    }

    private static int digit(String digits, int index) {
        return digits.charAt(index) - '0';
    }
}
