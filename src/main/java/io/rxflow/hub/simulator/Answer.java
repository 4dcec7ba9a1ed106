package io.rxflow.hub.simulator;

/**
 * The simulator's answer to one received message: the HTTP status, the SCRIPT reply (null for a 503),
 * the reply's MessageID, the MessageID it answers (null when unreadable) and its Status or Error code.
 */
public record Answer(int httpStatus, String xml, String messageId, String relatesToMessageId, String code) {

    /** HTTP 503: the pharmacy is down, try again later. */
    public static Answer unavailable() {
        return new Answer(503, null, null, null, null);
    }
}
