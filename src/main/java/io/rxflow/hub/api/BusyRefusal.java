package io.rxflow.hub.api;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.Counter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.RejectedExecutionException;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers a request that {@link RouteWorkers} had no room for: 503 with {@code Retry-After: 1} and an
 * OperationOutcome, before any of its route ran (nothing was stored). The refusal is thrown by the
 * executor inside camel-platform-http's handler, so it reaches Spring MVC's exception resolvers; this
 * one goes first and leaves every other exception to them.
 */
public final class BusyRefusal implements HandlerExceptionResolver, Ordered {
    private final FhirContext fhir;
    private final Counter refused;

    public BusyRefusal(FhirContext fhir, Counter refused) {
        this.fhir = fhir;
        this.refused = refused;
    }

    @Override
    public ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (!(ex instanceof RejectedExecutionException) || response.isCommitted()) {
            return null;
        }
        refused.increment();
        response.setHeader("Retry-After", "1");
        try {
            OutcomeWriter.write(
                    response,
                    HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    OperationOutcomes.error(
                            IssueType.TRANSIENT, "The hub is busy with other requests: retry shortly", null),
                    fhir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ModelAndView();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
