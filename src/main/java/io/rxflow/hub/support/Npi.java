package io.rxflow.hub.support;

import java.util.regex.Pattern;

/** National Provider Identifier: 10 digits, first 1 or 2, Luhn check over the "80840" prefix. */
public final class Npi {
    private static final Pattern FORM = Pattern.compile("[12][0-9]{9}");

    private Npi() {}

    /** True when {@code value} is a well-formed NPI whose check digit is right. */
    public static boolean isValid(String value) {
        if (value == null || !FORM.matcher(value).matches()) {
            return false;
        }
        // The ISO prefix 80840 contributes a constant 24 to the Luhn sum of the first nine digits.
        int sum = 24;
        for (int i = 0; i < 9; i++) {
            int digit = value.charAt(8 - i) - '0';
            if (i % 2 == 0) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        int check = (10 - sum % 10) % 10;
        return check == value.charAt(9) - '0';
    }
}
