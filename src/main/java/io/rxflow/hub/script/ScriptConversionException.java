package io.rxflow.hub.script;

/**
 * A NewRx cannot be expressed in the target SCRIPT version without changing the prescription (for
 * example a 2017071 partner and a patient address without a ZIP code). Permanent: answer the EHR.
 */
public final class ScriptConversionException extends RuntimeException {
    public ScriptConversionException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The stylesheet's refusal of the thread's last transformation: the terminating xsl:message's text
     * when there is one (it says what 2017071 cannot carry), else the transformer's own error.
     */
    public static ScriptConversionException refused(Throwable failure) {
        String reason = XsltMessages.refusal();
        if (reason.isEmpty()) {
            reason = failure.getMessage();
        }
        return new ScriptConversionException("cannot convert to SCRIPT 2017071: " + reason, failure);
    }
}
