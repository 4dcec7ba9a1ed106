package io.rxflow.hub.support;

import java.util.regex.Pattern;

/** NCPDP Provider ID: exactly seven digits, never padded (the check-digit rule is not public). */
public final class NcpdpId {
    /** The FHIR identifier system of NCPDP Provider IDs. */
    public static final String SYSTEM = "http://terminology.hl7.org/CodeSystem/NCPDPProviderIdentificationNumber";

    private static final Pattern FORM = Pattern.compile("[0-9]{7}");

    private NcpdpId() {}

    /** True when {@code value} has the seven-digit form. */
    public static boolean isValid(String value) {
        return value != null && FORM.matcher(value).matches();
    }
}
