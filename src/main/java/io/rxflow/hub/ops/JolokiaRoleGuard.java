package io.rxflow.hub.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.support.BufferedBodyRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Jolokia by role: every signed-in operator may {@code read}, {@code list}, {@code search} and ask the
 * {@code version}; only {@code admin} may {@code write} attributes or {@code exec} operations (stop a
 * route, reset statistics). Runs in the console's security filter chain, after authentication, and looks
 * at the request's type: the first path segment of a GET (or its {@code p} parameter), the {@code type}
 * of each request in a POST body (single or bulk).
 */
public final class JolokiaRoleGuard extends OncePerRequestFilter {
    /** The authority of the admin role (Spring's ROLE_ prefix). */
    public static final String ADMIN = "ROLE_admin";

    static final Set<String> READ_ONLY = Set.of("read", "list", "search", "version");
    private static final int MAX_BODY = 1 << 20;

    private final java.util.List<String> jolokiaPaths;
    private final ObjectMapper json = new ObjectMapper();

    /** {@code jolokiaPaths}: where Jolokia answers (its endpoint, and Hawtio's forward to it). */
    public JolokiaRoleGuard(java.util.List<String> jolokiaPaths) {
        this.jolokiaPaths = jolokiaPaths;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return jolokiaPath(request) == null || admin();
    }

    private String jolokiaPath(HttpServletRequest request) {
        String path = path(request);
        return jolokiaPaths.stream().filter(path::startsWith).findFirst().orElse(null);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("POST".equalsIgnoreCase(request.getMethod())) {
            byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY || !postReadOnly(body)) {
                deny(response);
                return;
            }
            chain.doFilter(new BufferedBodyRequest(request, body), response);
            return;
        }
        String p = request.getParameter("p");
        String rest =
                p != null ? p : path(request).substring(jolokiaPath(request).length());
        if (!READ_ONLY.contains(firstSegment(rest)) && !firstSegment(rest).isEmpty()) {
            deny(response);
            return;
        }
        chain.doFilter(request, response);
    }

    boolean postReadOnly(byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            Iterable<JsonNode> requests = root.isArray() ? root : java.util.List.of(root);
            for (JsonNode r : requests) {
                if (!READ_ONLY.contains(r.path("type").asText("").toLowerCase(Locale.ROOT))) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String firstSegment(String rest) {
        String s = rest.startsWith("/") ? rest.substring(1) : rest;
        int slash = s.indexOf('/');
        return (slash < 0 ? s : s.substring(0, slash)).toLowerCase(Locale.ROOT);
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static boolean admin() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null
                && auth.isAuthenticated()
                && auth.getAuthorities().stream().anyMatch(a -> ADMIN.equals(a.getAuthority()));
    }

    private static void deny(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json");
        response.getWriter()
                .write("{\"status\":403,\"error_type\":\"java.lang.SecurityException\","
                        + "\"error\":\"write and exec need the admin role\"}");
    }
}
