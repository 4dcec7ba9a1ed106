package io.rxflow.hub.support;

/** The requested prescription does not exist (answered 404). */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
