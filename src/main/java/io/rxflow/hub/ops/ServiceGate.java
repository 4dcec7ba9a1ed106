package io.rxflow.hub.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers {@code /api} and {@code /fhir} calls with 503, {@code Retry-After} and an OperationOutcome
 * while the hub cannot serve them: before the Camel routes have started (the web server is up a moment
 * earlier, and a call would otherwise get 404 from an endpoint not registered yet), and while the
 * database does not answer. Ordered before the API-key filter: an EHR retrying learns to wait, not that
 * its key is wrong.
 */
public final class ServiceGate extends OncePerRequestFilter {
    static final String RETRY_AFTER_SECONDS = "5";

    private final BooleanSupplier routesStarted;
    private final BooleanSupplier databaseUp;

    public ServiceGate(BooleanSupplier routesStarted, BooleanSupplier databaseUp) {
        this.routesStarted = routesStarted;
        this.databaseUp = databaseUp;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String reason = !routesStarted.getAsBoolean()
                ? "The hub is starting; try again shortly"
                : !databaseUp.getAsBoolean() ? "The hub's database is unreachable; try again shortly" : null;
        if (reason == null) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        response.setContentType("application/fhir+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter()
                .write("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                        + "\"code\":\"transient\",\"diagnostics\":\"" + reason + "\"}]}");
    }
}
