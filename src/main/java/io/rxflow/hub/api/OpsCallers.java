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
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The callers of the ops API ({@code /api/v1/ops}): operators signed in with their user and role,
 * never an EHR's API key. Refusals are OperationOutcomes like the rest of the API (401 without a
 * valid user, 403 for a role that may not do it), and an accepted call carries the operator as its
 * actor ({@code ops:<user>}) for the audit trail, whatever the client sent in that header.
 */
public final class OpsCallers {
    /** Where the ops API lives; the API-key filter leaves these paths alone. */
    public static final String PATH = "/api/v1/ops";

    private OpsCallers() {}

    /** Whether a request (its path within the context) is for the ops API. */
    public static boolean isOpsPath(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    public static AuthenticationEntryPoint unauthenticated(FhirContext fhir) {
        return (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"rxflow-ops\"");
            OutcomeWriter.write(
                    response,
                    HttpServletResponse.SC_UNAUTHORIZED,
                    OperationOutcomes.error(IssueType.LOGIN, "An ops user is required (HTTP Basic)", null),
                    fhir);
        };
    }

    public static AccessDeniedHandler forbidden(FhirContext fhir) {
        return (request, response, e) -> OutcomeWriter.write(
                response,
                HttpServletResponse.SC_FORBIDDEN,
                OperationOutcomes.error(
                        IssueType.FORBIDDEN,
                        "Your role may not do this: agents read and search; ops_manager also resends, pauses and"
                                + " resumes; only admin changes configuration",
                        null),
                fhir);
    }

    /** Puts the signed-in operator in the actor header, after Spring Security has authorised the call. */
    public static OncePerRequestFilter actor() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Authentication auth = SecurityContextHolder.getContext().getAuthentication();
                String actor = "ops:" + (auth == null ? "unknown" : auth.getName());
                chain.doFilter(new Operator(request, actor), response);
            }
        };
    }

    private static final class Operator extends HttpServletRequestWrapper {
        private final String actor;

        Operator(HttpServletRequest request, String actor) {
            super(request);
            this.actor = actor;
        }

        @Override
        public String getHeader(String name) {
            return ApiKeyFilter.ACTOR_HEADER.equalsIgnoreCase(name) ? actor : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return ApiKeyFilter.ACTOR_HEADER.equalsIgnoreCase(name)
                    ? Collections.enumeration(List.of(actor))
                    : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames()).stream()
                    .filter(n -> !ApiKeyFilter.ACTOR_HEADER.equalsIgnoreCase(n))
                    .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
            names.add(ApiKeyFilter.ACTOR_HEADER);
            return Collections.enumeration(names);
        }
    }
}
