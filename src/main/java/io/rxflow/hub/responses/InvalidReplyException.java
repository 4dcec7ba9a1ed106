package io.rxflow.hub.responses;

/**
 * A pharmacy's answer is not a SCRIPT Status, Error or Verify the hub can read: malformed XML, a
 * DOCTYPE, another transaction, or a missing MessageID or code. The message never quotes the reply's
 * content (it may carry PHI).
 */
public final class InvalidReplyException extends RuntimeException {
    public InvalidReplyException(String message) {
        super(message);
    }

    public InvalidReplyException(String message, Throwable cause) {
        super(message, cause);
    }
}
