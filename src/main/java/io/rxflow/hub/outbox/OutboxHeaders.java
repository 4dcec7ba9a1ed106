package io.rxflow.hub.outbox;

/** The Kafka headers every outbox message carries (docs/topics.md); consumers de-duplicate on the message id. */
public final class OutboxHeaders {
    public static final String MESSAGE_ID = "rxflow-message-id";
    public static final String PRESCRIPTION = "rxflow-prescription-id";
    public static final String PHARMACY = "rxflow-pharmacy";
    public static final String MESSAGE_TYPE = "rxflow-message-type";
    public static final String SCRIPT_VERSION = "rxflow-script-version";
    /** The correlation id of the call that wrote the row, for the log lines of the routes that read it. */
    public static final String CORRELATION_ID = "rxflow-correlation-id";

    private OutboxHeaders() {}
}
