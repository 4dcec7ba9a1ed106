package io.rxflow.hub.api;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A token bucket per API key, right after {@link ApiKeyFilter}: a key over its rate gets 429 with
 * {@code Retry-After} before its body is read, so one client cannot take the request threads and the
 * upload slots every other client needs. Buckets are keyed by the key's id (the first 12 hex digits of
 * its SHA-256, as audited), never by the key; per-key limits are configured by that id or a longer
 * prefix of the hash. A request costs one map lookup and one short lock on its own key's bucket.
 */
public final class RateLimitFilter extends OncePerRequestFilter {
    /** A rate in requests per second and the burst a bucket holds; a rate of 0 or less means unlimited. */
    public record Limit(double requestsPerSecond, int burst) {
        boolean unlimited() {
            return requestsPerSecond <= 0;
        }
    }

    private final Limit defaults;
    private final Map<String, Limit> byKeyHashPrefix;
    private final FhirContext fhir;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimitFilter(Limit defaults, Map<String, Limit> byKeyId, FhirContext fhir) {
        this(defaults, byKeyId, fhir, System::nanoTime);
    }

    RateLimitFilter(Limit defaults, Map<String, Limit> byKeyId, FhirContext fhir, LongSupplier nanoTime) {
        this.defaults = defaults;
        this.byKeyHashPrefix = new ConcurrentHashMap<>();
        byKeyId.forEach((id, limit) -> byKeyHashPrefix.put(hashPrefix(id), limit));
        this.fhir = fhir;
        this.nanoTime = nanoTime;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String actor = request.getHeader(ApiKeyFilter.ACTOR_HEADER);
        Bucket bucket = actor == null ? null : buckets.get(actor);
        if (bucket == null && actor != null) {
            bucket = buckets.computeIfAbsent(actor, this::newBucket);
        }
        long waitNanos = bucket == null ? 0 : bucket.take(nanoTime.getAsLong());
        if (waitNanos == 0) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        response.setHeader("Retry-After", Long.toString(seconds));
        // The body is never read: closing frees the thread instead of draining an upload.
        response.setHeader("Connection", "close");
        OutcomeWriter.write(
                response,
                429,
                OperationOutcomes.error(
                        IssueType.THROTTLED, "Too many requests for this API key: retry after " + seconds + " s", null),
                fhir);
    }

    private Bucket newBucket(String actor) {
        String hash = hashPrefix(actor);
        Limit limit = defaults;
        int longest = -1;
        for (var entry : byKeyHashPrefix.entrySet()) {
            if (hash.startsWith(entry.getKey()) && entry.getKey().length() > longest) {
                limit = entry.getValue();
                longest = entry.getKey().length();
            }
        }
        return limit.unlimited() ? Bucket.UNLIMITED : new Bucket(limit, nanoTime.getAsLong());
    }

    /** "key-3f2a9c1b0d4e", "sha256:3F2A9C..." or plain hex: the lower-case hex digits. */
    private static String hashPrefix(String id) {
        String s = id.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("key-")) {
            s = s.substring(4);
        } else if (s.startsWith("sha256:")) {
            s = s.substring(7);
        }
        return s;
    }

    /** Tokens refill continuously at the rate up to the burst; one request takes one. */
    static final class Bucket {
        static final Bucket UNLIMITED = new Bucket(new Limit(0, 0), 0);

        private final double tokensPerNano;
        private final double capacity;
        private final boolean unlimited;
        private double tokens;
        private long last;

        Bucket(Limit limit, long now) {
            this.unlimited = limit.unlimited();
            this.tokensPerNano = limit.requestsPerSecond() / 1e9;
            this.capacity = Math.max(1, limit.burst());
            this.tokens = capacity;
            this.last = now;
        }

        /** 0 when a token was taken, else the nanoseconds until the next one. */
        long take(long now) {
            return unlimited ? 0 : takeLocked(now);
        }

        private synchronized long takeLocked(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * tokensPerNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / tokensPerNano));
        }
    }
}
