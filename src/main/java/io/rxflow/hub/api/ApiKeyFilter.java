package io.rxflow.hub.api;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses every call without a valid {@code X-API-Key} with 401. An accepted call goes on with the
 * key removed and the key's id in {@value #ACTOR_HEADER}, which the routes record as the actor.
 */
public final class ApiKeyFilter extends OncePerRequestFilter {
    static final String KEY_HEADER = "X-API-Key";
    static final String ACTOR_HEADER = "X-RxFlow-Actor";

    private final ApiKeys keys;
    private final FhirContext fhir;

    public ApiKeyFilter(ApiKeys keys, FhirContext fhir) {
        this.keys = keys;
        this.fhir = fhir;
    }

    /** The ops API has its own callers (operators with roles, {@link OpsCallers}); EHR keys never reach it. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return OpsCallers.isOpsPath(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var actor = keys.identify(request.getHeader(KEY_HEADER));
        if (actor.isEmpty()) {
            response.setHeader("WWW-Authenticate", "ApiKey header=\"" + KEY_HEADER + "\"");
            // The body is never read: closing beats waiting for a slow or endless upload to finish.
            response.setHeader("Connection", "close");
            OutcomeWriter.write(
                    response,
                    HttpServletResponse.SC_UNAUTHORIZED,
                    OperationOutcomes.error(IssueType.LOGIN, "A valid X-API-Key header is required", null),
                    fhir);
            return;
        }
        chain.doFilter(new AuthenticatedRequest(request, actor.get()), response);
    }

    /** Hides the presented key from everything downstream and states who called. */
    private static final class AuthenticatedRequest extends HttpServletRequestWrapper {
        private final String actor;

        AuthenticatedRequest(HttpServletRequest request, String actor) {
            super(request);
            this.actor = actor;
        }

        @Override
        public String getHeader(String name) {
            if (ACTOR_HEADER.equalsIgnoreCase(name)) {
                return actor;
            }
            return KEY_HEADER.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            String value = getHeader(name);
            if (ACTOR_HEADER.equalsIgnoreCase(name) || KEY_HEADER.equalsIgnoreCase(name)) {
                return Collections.enumeration(value == null ? List.of() : List.of(value));
            }
            return super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames()).stream()
                    .filter(n -> !KEY_HEADER.equalsIgnoreCase(n) && !ACTOR_HEADER.equalsIgnoreCase(n))
                    .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
            names.add(ACTOR_HEADER);
            return Collections.enumeration(names);
        }
    }
}
