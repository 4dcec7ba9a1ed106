package io.rxflow.hub.support;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Sets an HTTP answer on a Camel message. Every other header is dropped first: platform-http would
 * otherwise echo request headers (and internal ones) back to the caller.
 */
public final class HttpReplies {
    public static final String CORRELATION_HEADER = "X-Correlation-ID";
    /** Internal header carrying the request's correlation id through the routes. */
    public static final String CORRELATION_ID = "rxCorrelationId";

    /** Where a prescription is read: {@code Location} of 201 and 202 answers. */
    public static final String PRESCRIPTIONS_PATH = "/api/v1/prescriptions/";

    private HttpReplies() {}

    public static void reply(Message message, int status, String contentType, Object body, String location) {
        String correlationId = message.getHeader(CORRELATION_ID, String.class);
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        if (correlationId != null) {
            message.setHeader(CORRELATION_HEADER, correlationId);
        }
        if (location != null) {
            message.setHeader("Location", location);
        }
        message.setBody(body);
    }
}
