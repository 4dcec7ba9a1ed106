package io.rxflow.hub.api;

import ca.uhn.fhir.context.FhirContext;
import io.rxflow.hub.support.BufferedBodyRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the configured size with 413, whether or not the client declared a
 * length, and hands the routes the body already read (intake reads it whole anyway). At most
 * {@code maxUploads} bodies are read at once: a reading thread waits on the client, so slow uploads
 * beyond that get 503 at once instead of taking every request thread, and a body not received
 * within {@code uploadDeadline} gets 408, so a client trickling bytes cannot keep its slot.
 */
public final class BodyLimitFilter extends OncePerRequestFilter {
    private final long maxBytes;
    private final Semaphore uploads;
    private final Duration uploadDeadline;
    private final FhirContext fhir;

    public BodyLimitFilter(long maxBytes, int maxUploads, Duration uploadDeadline, FhirContext fhir) {
        this.maxBytes = maxBytes;
        this.uploads = new Semaphore(maxUploads);
        this.uploadDeadline = uploadDeadline;
        this.fhir = fhir;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            refuse(response);
            return;
        }
        byte[] body = new byte[0];
        if (hasBody(request)) {
            if (!uploads.tryAcquire()) {
                busy(response);
                return;
            }
            try {
                body = readWithinDeadline(
                        request.getInputStream(),
                        (int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1),
                        request.getContentLengthLong());
            } finally {
                uploads.release();
            }
            if (body == null) {
                tooSlow(response);
                return;
            }
        }
        if (body.length > maxBytes) {
            refuse(response);
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body), response);
    }

    /**
     * Up to {@code limit} bytes of the body, or {@code null} when the client has not sent them
     * within the deadline. The deadline is checked after every read, and each read waits at most the
     * server's read timeout, so a trickling client is cut off within deadline + read timeout.
     */
    private byte[] readWithinDeadline(InputStream in, int limit, long declared) throws IOException {
        long deadline = System.nanoTime() + uploadDeadline.toNanos();
        var body = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        while (body.size() < limit && (declared < 0 || body.size() < declared)) {
            if (body.size() > 0 && System.nanoTime() - deadline > 0) {
                return null;
            }
            int n = in.read(chunk, 0, Math.min(chunk.length, limit - body.size()));
            if (n == -1) {
                break;
            }
            body.write(chunk, 0, n);
        }
        return body.toByteArray();
    }

    /** HTTP/1.1: a request has a body only with a Content-Length above zero or a Transfer-Encoding. */
    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    private void busy(HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close");
        response.setHeader("Retry-After", "1");
        OutcomeWriter.write(
                response,
                HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                OperationOutcomes.error(IssueType.TRANSIENT, "Too many uploads in progress: retry shortly", null),
                fhir);
    }

    private void tooSlow(HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close");
        OutcomeWriter.write(
                response,
                HttpServletResponse.SC_REQUEST_TIMEOUT,
                OperationOutcomes.error(
                        IssueType.TIMEOUT,
                        "The request body was not received within " + uploadDeadline.toSeconds() + " s",
                        null),
                fhir);
    }

    private void refuse(HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close");
        OutcomeWriter.write(
                response,
                HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                OperationOutcomes.error(IssueType.TOOCOSTLY, "Request body exceeds " + maxBytes + " bytes", null),
                fhir);
    }
}
