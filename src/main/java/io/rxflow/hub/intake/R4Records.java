package io.rxflow.hub.intake;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Steps of {@code rx-submit-fhir-r4-bundle} over the prescriptions of one R4 Bundle: the next one to
 * check or store, and each stored one's result. A client's Idempotency-Key covers the whole Bundle,
 * so each prescription of a Bundle with several gets that key with its position appended.
 */
@Component("r4Records")
public class R4Records {
    static final String CLIENT_KEY = "rxR4ClientKey";

    /** The prescription at the loop's index, with its own idempotency key when the client sent one. */
    public IntakeRequest next(
            @ExchangeProperty("rxRecord") R4Record record,
            @ExchangeProperty(Exchange.LOOP_INDEX) Integer index,
            Exchange exchange) {
        var message = exchange.getMessage();
        if (index == 0 && !exchange.getProperties().containsKey(CLIENT_KEY)) {
            exchange.setProperty(CLIENT_KEY, message.getHeader("Idempotency-Key", String.class));
        }
        String clientKey = exchange.getProperty(CLIENT_KEY, String.class);
        if (clientKey != null && record.size() > 1) {
            message.setHeader("Idempotency-Key", clientKey + "#" + (index + 1));
        }
        // The store reads whether it claimed the key from this header: never from the previous prescription.
        message.removeHeader("rxClaimedId");
        return record.request(index);
    }

    public void stored(@Body IntakeResult result, @ExchangeProperty("rxRecord") R4Record record) {
        record.stored(result);
    }
}
