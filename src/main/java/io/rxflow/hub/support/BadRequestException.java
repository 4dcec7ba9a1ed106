package io.rxflow.hub.support;

/** A request the hub cannot act on as asked (answered 400), outside intake: a bad query parameter. */
public class BadRequestException extends RuntimeException {
    private final String parameter;

    public BadRequestException(String message, String parameter) {
        super(message);
        this.parameter = parameter;
    }

    /** The query parameter or field at fault. */
    public String parameter() {
        return parameter;
    }
}
