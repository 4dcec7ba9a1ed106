package io.rxflow.hub.api;

import io.rxflow.hub.support.HttpReplies;
import org.apache.camel.Exchange;
import org.apache.camel.Handler;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Gives each request a correlation id: the caller's {@code X-Correlation-ID} when it is a safe token,
 * else the exchange id. It goes into every event and rejection record and back in the answer, and into
 * the logging context as {@value #LOG_KEY} for every line logged while the request is handled (Camel
 * carries it across threads and removes it when the exchange is done: {@code camel.main.use-mdc-logging}).
 * The answer's FHIR format is settled here too, from the request as it arrived.
 */
@Component("correlation")
public class Correlation {
    /** The correlation id's key in the logging context (a field of its own in JSON logs). */
    public static final String LOG_KEY = "correlation_id";

    @Handler
    public void assign(Exchange exchange) {
        String sent = exchange.getMessage().getHeader(HttpReplies.CORRELATION_HEADER, String.class);
        String id = sent != null && sent.matches("[A-Za-z0-9._:-]{1,64}") ? sent : exchange.getExchangeId();
        exchange.getMessage().setHeader(HttpReplies.CORRELATION_ID, id);
        MDC.put(LOG_KEY, id);
        // Fixed now: later steps (a marshal, say) may change Content-Type, the answer's format must not.
        exchange.setProperty(IntakeResponses.ANSWER_FORMAT, IntakeResponses.negotiate(exchange));
    }
}
