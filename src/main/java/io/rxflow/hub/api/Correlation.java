package io.rxflow.hub.api;

import io.rxflow.hub.support.HttpReplies;
import io.rxflow.hub.support.LogCorrelation;
import org.apache.camel.Exchange;
import org.apache.camel.Handler;
import org.springframework.stereotype.Component;

/**
 * Gives each request a correlation id: the caller's {@code X-Correlation-ID} when it is a safe token,
 * else the exchange id. It goes into every event and rejection record and back in the answer, and into
 * the logging context ({@link LogCorrelation}) for every line logged while the request is handled (Camel
 * carries it across threads and removes it when the exchange is done: {@code camel.main.use-mdc-logging}).
 * The answer's FHIR format is settled here too, from the request as it arrived.
 */
@Component("correlation")
public class Correlation {
    @Handler
    public void assign(Exchange exchange) {
        String sent = exchange.getMessage().getHeader(HttpReplies.CORRELATION_HEADER, String.class);
        String id = LogCorrelation.assign(sent, exchange.getExchangeId());
        exchange.getMessage().setHeader(HttpReplies.CORRELATION_ID, id);
        // Fixed now: later steps (a marshal, say) may change Content-Type, the answer's format must not.
        exchange.setProperty(IntakeResponses.ANSWER_FORMAT, IntakeResponses.negotiate(exchange));
    }
}
