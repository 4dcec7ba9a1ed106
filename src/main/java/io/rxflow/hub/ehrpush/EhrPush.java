package io.rxflow.hub.ehrpush;

import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rxflow.hub.api.MedicationDispenses;
import io.rxflow.hub.api.StoredResources;
import io.rxflow.hub.conversation.TaskViews;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code routes/rx-ehr-push.camel.yaml} calls by name ({@code ehrPush}): claims due push rows,
 * puts each one's resource in the body for the camel-fhir update, and records the outcome: pushed, or
 * failed and due again after an exponential back-off (never dropped). Counts both and gauges what is
 * pending ({@code rxflow_ehr_push_*}, present from start). Logs name the row, the EHR's key id, the
 * resource type and the failure's type and HTTP status, never content or the token.
 */
public final class EhrPush {
    /** Exchange property: the {@link Push} being sent. */
    public static final String PUSH = "rxEhrPush";
    /** Header: the key id of the EHR the resource goes to (its camel-fhir client is {@code ehrFhirClient-<id>}). */
    public static final String EHR = "rxEhr";

    private static final Logger log = LoggerFactory.getLogger(EhrPush.class);

    private final PushStore store;
    private final PushResources resources;
    private final Backoff backoff;
    private final int batchSize;
    private final Duration lease;
    private final Counter pushed;
    private final Counter failures;

    /** Settings of {@code rxflow.ehr-push.*}: the EHRs' key ids, claims, back-off. */
    public record Settings(
            Set<String> ehrs, int batchSize, Duration lease, Duration backoffInitial, Duration backoffMax) {}

    public EhrPush(DataSource dataSource, Resources views, Settings settings, MeterRegistry meters) {
        this.store = new PushStore(dataSource, settings.ehrs());
        this.resources = new PushResources(dataSource, views.tasks(), views.dispenses(), views.stored());
        this.backoff = new Backoff(settings.backoffInitial(), settings.backoffMax());
        this.batchSize = settings.batchSize();
        this.lease = settings.lease();
        this.pushed = Counter.builder("rxflow.ehr.push.pushed")
                .description("Resources the EHRs' FHIR servers took (one per change)")
                .register(meters);
        this.failures = Counter.builder("rxflow.ehr.push.failed.attempts")
                .description("Push attempts that failed; the row is kept and tried again after a back-off")
                .register(meters);
        Gauge.builder("rxflow.ehr.push.pending", this, EhrPush::pendingOrNaN)
                .description("Changes not yet taken by their EHR's FHIR server")
                .register(meters);
    }

    /** The views the pushed resources are built by. */
    public record Resources(TaskViews tasks, MedicationDispenses dispenses, StoredResources stored) {}

    /** Due rows, oldest first, one per prescription; none when no EHR is configured. */
    public List<Push> claim() {
        return store.claim(batchSize, lease);
    }

    /**
     * The row's resource as the body, under its view's id (camel-fhir's update sends
     * {@code PUT <base>/<type>/<id>}), its EHR as {@value #EHR}.
     */
    public void resource(Exchange exchange) throws IOException {
        Push push = exchange.getMessage().getBody(Push.class);
        exchange.setProperty(PUSH, push);
        exchange.getMessage().setHeader(EHR, push.ehr());
        exchange.getMessage().setBody(resources.of(push));
    }

    public void pushed(@ExchangeProperty(PUSH) Push push) {
        store.done(push.id());
        pushed.increment();
        log.debug("Pushed {} of row {} to EHR {}", push.resourceType(), push.id(), push.ehr());
    }

    /** The row stays, due again after the back-off; the failure is recorded by type and HTTP status only. */
    public void failed(
            @ExchangeProperty(PUSH) Push push, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception cause) {
        String error = describe(cause);
        Duration delay = backoff.after(push.attempts() + 1);
        int attempts = store.failed(push.id(), error, delay);
        failures.increment();
        log.warn(
                "Push of {} (row {}) to EHR {} failed ({}), attempt {}; again in {}",
                push.resourceType(),
                push.id(),
                push.ehr(),
                error,
                attempts,
                delay);
    }

    static String describe(Exception cause) {
        if (cause == null) {
            return "unknown";
        }
        Throwable t = cause;
        while (t.getCause() != null && !(t instanceof BaseServerResponseException)) {
            t = t.getCause();
        }
        if (t instanceof FhirClientConnectionException) {
            // No answer at all (refused, timed out); HAPI reports it with a made-up status.
            return t.getClass().getSimpleName();
        }
        if (t instanceof BaseServerResponseException http) {
            return http.getClass().getSimpleName() + " HTTP " + http.getStatusCode();
        }
        return t.getClass().getName();
    }

    private double pendingOrNaN() {
        try {
            return store.pending();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
