package io.rxflow.hub.mapping;

/**
 * A NewRx cannot be expressed in the target SCRIPT version without changing the prescription (for
 * example a 2017071 partner and a patient address without a ZIP code). Permanent: answer the EHR.
 */
public final class ScriptConversionException extends RuntimeException {
    public ScriptConversionException(String message, Throwable cause) {
        super(message, cause);
    }
}
