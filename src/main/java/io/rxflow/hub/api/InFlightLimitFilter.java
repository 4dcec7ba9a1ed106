package io.rxflow.hub.api;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.Counter;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admission control: at most {@code limit} requests inside the hub at once, counted from this filter to
 * the last byte of their answer (a route answers asynchronously, so the count ends when the request's
 * async cycle completes, times out or fails). One more gets 503 with {@code Retry-After: 1} at once,
 * before its body is read or any route runs: on a saturated hub every stage queues for the same CPU,
 * so bounding one stage (the route threads) left requests waiting for seconds in the others.
 */
public final class InFlightLimitFilter extends OncePerRequestFilter {
    private final int limit;
    private final Semaphore permits;
    private final FhirContext fhir;
    private final Counter refused;

    public InFlightLimitFilter(int limit, FhirContext fhir, Counter refused) {
        if (limit < 1) {
            throw new IllegalArgumentException("rxflow.api.max-in-flight must be at least 1, not " + limit);
        }
        this.limit = limit;
        this.permits = new Semaphore(limit);
        this.fhir = fhir;
        this.refused = refused;
    }

    /** Requests inside the hub now. */
    public int inFlight() {
        return limit - permits.availablePermits();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!permits.tryAcquire()) {
            refused.increment();
            response.setHeader("Retry-After", "1");
            // The body is never read: closing frees the connection instead of draining an upload.
            response.setHeader("Connection", "close");
            OutcomeWriter.write(
                    response,
                    HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    OperationOutcomes.error(
                            IssueType.TRANSIENT, "The hub has " + limit + " requests in progress: retry shortly", null),
                    fhir);
            return;
        }
        var release = new Release();
        try {
            chain.doFilter(request, response);
        } finally {
            // Still inside the dispatch that started the async cycle, so it cannot have ended yet.
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(release);
            } else {
                release.run();
            }
        }
    }

    /** Gives the permit back once, whichever way the request ends. */
    private final class Release implements AsyncListener, Runnable {
        private final AtomicBoolean done = new AtomicBoolean();

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                permits.release();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            run();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            run();
        }

        @Override
        public void onError(AsyncEvent event) {
            run();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // A new async cycle of the same request: it is still in flight.
            event.getAsyncContext().addListener(this);
        }
    }
}
