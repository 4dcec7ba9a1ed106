package io.rxflow.hub.support;

/** NCPDP Provider ID: exactly seven digits, never padded (the check-digit rule is not public). */
public final class NcpdpId {
    /** The FHIR identifier system of NCPDP Provider IDs. */
    public static final String SYSTEM = "http://terminology.hl7.org/CodeSystem/NCPDPProviderIdentificationNumber";

    private NcpdpId() {}

    /** True when {@code value} has the seven-digit form. */
    public static boolean isValid(String value) {
        return value != null && value.matches("[0-9]{7}");
    }
}
