package io.rxflow.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RateLimitFilterTest {
    private static final FhirContext FHIR = FhirContext.forR5Cached();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void answers429WithRetryAfterOnceAKeyHasSpentItsBurst() throws Exception {
        var filter = new RateLimitFilter(new RateLimitFilter.Limit(2, 3), Map.of(), FHIR, now::get);
        for (int i = 0; i < 3; i++) {
            assertThat(call(filter, "key-aaaaaaaaaaaa").getStatus()).isEqualTo(200);
        }
        MockHttpServletResponse refused = call(filter, "key-aaaaaaaaaaaa");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getContentAsString()).contains("OperationOutcome").contains("throttled");
        // Another key has its own bucket.
        assertThat(call(filter, "key-bbbbbbbbbbbb").getStatus()).isEqualTo(200);
        // Half a second at 2 per second refills one token.
        now.addAndGet(500_000_000L);
        assertThat(call(filter, "key-aaaaaaaaaaaa").getStatus()).isEqualTo(200);
        assertThat(call(filter, "key-aaaaaaaaaaaa").getStatus()).isEqualTo(429);
    }

    @Test
    void appliesAnOverrideGivenByKeyIdOrHashPrefix() throws Exception {
        var filter = new RateLimitFilter(
                new RateLimitFilter.Limit(1000, 1000),
                Map.of(
                        "key-0123456789ab", new RateLimitFilter.Limit(1, 1),
                        "sha256:FEDCBA98", new RateLimitFilter.Limit(0, 0)),
                FHIR,
                now::get);
        assertThat(call(filter, "key-0123456789ab").getStatus()).isEqualTo(200);
        assertThat(call(filter, "key-0123456789ab").getStatus()).isEqualTo(429);
        for (int i = 0; i < 5000; i++) {
            assertThat(call(filter, "key-fedcba987654").getStatus()).isEqualTo(200);
        }
    }

    private static MockHttpServletResponse call(RateLimitFilter filter, String actor) throws Exception {
        var request = new MockHttpServletRequest("POST", "/api/v1/prescriptions");
        request.addHeader(ApiKeyFilter.ACTOR_HEADER, actor);
        var response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
