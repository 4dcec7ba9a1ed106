package io.rxflow.hub.api;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

/**
 * Audits every read of prescription content through the EHR API and FHIR ({@code GET
 * /api/v1/prescriptions/…}, {@code GET /fhir/r4|r5/…} but {@code metadata}): who (the API key's id),
 * when, which path (its id replaced by {@code {id}}) and which prescription or resource id; never a
 * query value or any content. The answer is held back until its audit row is written: a read that
 * cannot be audited is not served ({@code 503}, {@code Retry-After}). The ops API audits its own reads.
 *
 * <p>The routes answer asynchronously (platform-http hands the request to Camel), so the filter also
 * runs on the async dispatch, where the answer is complete.
 */
public final class ReadAudit extends OncePerRequestFilter {
    private static final String ACTOR = ReadAudit.class.getName() + ".actor";
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    /** Writes one audit row; throws when it cannot. */
    @FunctionalInterface
    public interface Recorder {
        void read(String actor, String target, Map<String, Object> detail);
    }

    private final Recorder recorder;
    private final FhirContext fhir;

    public ReadAudit(Recorder recorder, FhirContext fhir) {
        this.recorder = recorder;
        this.fhir = fhir;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || what(path(request)) == null;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletResponse held = response;
        if (!isAsyncDispatch(request)) {
            request.setAttribute(ACTOR, request.getHeader(ApiKeyFilter.ACTOR_HEADER));
            held = new ContentCachingResponseWrapper(response);
        }
        chain.doFilter(request, held);
        if (isAsyncStarted(request)) {
            return;
        }
        ContentCachingResponseWrapper answer = WebUtils.getNativeResponse(held, ContentCachingResponseWrapper.class);
        if (answer == null) {
            return;
        }
        if (answer.getStatus() == HttpServletResponse.SC_OK) {
            Read read = what(path(request));
            try {
                recorder.read((String) request.getAttribute(ACTOR), read.target(request), read.detail());
            } catch (RuntimeException e) {
                logger.warn("A read was not served because its audit row could not be written: " + e);
                answer.resetBuffer();
                HttpServletResponse raw = (HttpServletResponse) answer.getResponse();
                raw.reset();
                raw.setHeader("Retry-After", "5");
                OutcomeWriter.write(
                        raw,
                        HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                        OperationOutcomes.error(
                                IssueType.TRANSIENT, "The read could not be audited; try again shortly", null),
                        fhir);
                return;
            }
        }
        answer.copyBodyToResponse();
    }

    /** An audited read: the path with its id as {@code {id}}, and where the id is (path or query). */
    record Read(String template, String pathId, boolean search) {
        String target(HttpServletRequest request) {
            if (pathId != null) {
                return pathId;
            }
            String prescription = request.getParameter("prescription");
            return prescription != null && UUID_TEXT.matcher(prescription).matches() ? prescription : null;
        }

        Map<String, Object> detail() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("path", template);
            if (search) {
                d.put("search", true);
            }
            return d;
        }
    }

    /** The read a path is, or null when it shows no prescription content. */
    static Read what(String path) {
        String[] s = path.split("/", -1);
        // /api/v1/prescriptions/{id}[/events|/script]
        if (s.length >= 5 && s.length <= 6 && path.startsWith("/api/v1/prescriptions/") && !s[4].isEmpty()) {
            String view = s.length == 6 ? "/" + s[5] : "";
            return view.isEmpty() || view.equals("/events") || view.equals("/script")
                    ? new Read("/api/v1/prescriptions/{id}" + view, s[4], false)
                    : null;
        }
        // /fhir/r4|r5/{Type}[/{id}], not the CapabilityStatement
        if (s.length >= 4 && s.length <= 5 && s[1].equals("fhir") && (s[2].equals("r4") || s[2].equals("r5"))) {
            String type = s[3];
            if (type.isEmpty() || type.equals("metadata") || !Character.isUpperCase(type.charAt(0))) {
                return null;
            }
            String base = "/fhir/" + s[2] + "/" + type;
            if (s.length == 4) {
                return new Read(base, null, true);
            }
            return FHIR_ID.matcher(s[4]).matches() ? new Read(base + "/{id}", s[4], false) : null;
        }
        return null;
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
