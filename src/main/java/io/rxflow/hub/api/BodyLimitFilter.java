package io.rxflow.hub.api;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the configured size with 413, whether or not the client declared a
 * length, and hands the routes the body already read (intake reads it whole anyway). At most
 * {@code maxUploads} bodies are read at once: a reading thread waits on the client, so slow uploads
 * beyond that get 503 at once instead of taking every request thread.
 */
public final class BodyLimitFilter extends OncePerRequestFilter {
    private final long maxBytes;
    private final Semaphore uploads;
    private final FhirContext fhir;

    public BodyLimitFilter(long maxBytes, int maxUploads, FhirContext fhir) {
        this.maxBytes = maxBytes;
        this.uploads = new Semaphore(maxUploads);
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
                body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            } finally {
                uploads.release();
            }
        }
        if (body.length > maxBytes) {
            refuse(response);
            return;
        }
        chain.doFilter(new BufferedRequest(request, body), response);
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

    private void refuse(HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close");
        OutcomeWriter.write(
                response,
                HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                OperationOutcomes.error(IssueType.TOOCOSTLY, "Request body exceeds " + maxBytes + " bytes", null),
                fhir);
    }

    /** A request whose body has been read into memory. */
    private static final class BufferedRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("Asynchronous reads are not used by the hub");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
