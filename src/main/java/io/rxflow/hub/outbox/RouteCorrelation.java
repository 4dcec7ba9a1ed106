package io.rxflow.hub.outbox;

import io.rxflow.hub.support.LogCorrelation;
import org.apache.camel.Exchange;
import org.apache.camel.Handler;
import org.springframework.stereotype.Component;

/**
 * The first step of every route that is not an API call (those take theirs from the request,
 * api/Correlation): the correlation id of its log lines. A Kafka record written from the outbox
 * carries the id of the call that wrote the row ({@code rxflow-correlation-id}), so the dispatch of a
 * prescription logs under the id its REST call was answered with; anything else (a pharmacy's answer
 * on the inbound topic, a timer's run) logs under its exchange id.
 */
@Component("routeCorrelation")
public class RouteCorrelation {
    @Handler
    public void assign(Exchange exchange) {
        LogCorrelation.assign(
                exchange.getMessage().getHeader(OutboxHeaders.CORRELATION_ID, String.class), exchange.getExchangeId());
    }
}
