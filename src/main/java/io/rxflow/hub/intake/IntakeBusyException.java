package io.rxflow.hub.intake;

/**
 * Intake cannot take the request now (its queue is full, or the hub is stopping): a transient refusal,
 * answered 503 with Retry-After. Sending the same request again is safe: its idempotency key finds the
 * prescription if it was stored after all (an answer that timed out).
 */
public class IntakeBusyException extends RuntimeException {
    /** Seconds a client should wait before sending the request again. */
    public static final int RETRY_AFTER_SECONDS = 1;

    public IntakeBusyException(String message) {
        super(message);
    }
}
