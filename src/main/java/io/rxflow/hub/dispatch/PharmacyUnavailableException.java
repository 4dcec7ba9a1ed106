package io.rxflow.hub.dispatch;

/** A transient delivery failure (timeout, connection refused, 5xx, SCRIPT Error 600-602): redelivered with back-off. */
public class PharmacyUnavailableException extends RuntimeException {
    public PharmacyUnavailableException(String message) {
        super(message);
    }

    public PharmacyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
