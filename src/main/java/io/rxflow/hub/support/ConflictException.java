package io.rxflow.hub.support;

/** The request cannot be done in the prescription's current state (answered 409). */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
