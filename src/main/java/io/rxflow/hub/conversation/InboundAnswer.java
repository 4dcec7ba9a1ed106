package io.rxflow.hub.conversation;

/**
 * The synchronous answer to a pharmacy's message: HTTP status, the SCRIPT Status or Error (null on
 * 401), and why the message is parked on the dead-letter topic when it is ({@code parkReason} null
 * otherwise).
 */
public record InboundAnswer(int httpStatus, String xml, String parkReason) {
    static InboundAnswer script(String xml) {
        return new InboundAnswer(200, xml, null);
    }

    static InboundAnswer parked(String xml, String reason) {
        return new InboundAnswer(200, xml, reason);
    }

    static InboundAnswer unauthorized() {
        return new InboundAnswer(401, null, null);
    }
}
