package io.rxflow.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class InFlightLimitFilterTest {
    private static final FhirContext FHIR = FhirContext.forR5Cached();

    private final Counter refused = new SimpleMeterRegistry().counter("rxflow.http.refused");
    private final InFlightLimitFilter filter = new InFlightLimitFilter(1, FHIR, refused);

    @Test
    void anAsynchronousRequestHoldsItsAdmissionUntilItsAnswerIsComplete() throws Exception {
        var first = request();
        filter.doFilter(first, new MockHttpServletResponse(), (req, res) -> req.startAsync());
        assertThat(filter.inFlight()).isEqualTo(1);

        var second = new MockHttpServletResponse();
        var reached = new AtomicInteger();
        filter.doFilter(request(), second, (req, res) -> reached.incrementAndGet());
        assertThat(reached).hasValue(0);
        assertThat(second.getStatus()).isEqualTo(503);
        assertThat(second.getHeader("Retry-After")).isEqualTo("1");
        assertThat(second.getHeader("Connection")).isEqualTo("close");
        assertThat(second.getContentAsString())
                .contains("\"resourceType\":\"OperationOutcome\"", "\"code\":\"transient\"", "1 requests in progress");
        assertThat(refused.count()).isEqualTo(1.0);

        ((MockAsyncContext) first.getAsyncContext()).complete();
        assertThat(filter.inFlight()).isZero();
        filter.doFilter(request(), new MockHttpServletResponse(), (req, res) -> reached.incrementAndGet());
        assertThat(reached).hasValue(1);
        assertThat(filter.inFlight()).isZero();
    }

    @Test
    void aRequestThatFailsOrTimesOutGivesItsAdmissionBack() throws Exception {
        FilterChain failing = (req, res) -> {
            throw new ServletException("route failed");
        };
        assertThatThrownBy(() -> filter.doFilter(request(), new MockHttpServletResponse(), failing))
                .hasMessage("route failed");
        assertThat(filter.inFlight()).isZero();

        var timedOut = request();
        filter.doFilter(timedOut, new MockHttpServletResponse(), (req, res) -> req.startAsync());
        assertThat(filter.inFlight()).isEqualTo(1);
        var context = (MockAsyncContext) timedOut.getAsyncContext();
        for (var listener : context.getListeners()) {
            listener.onTimeout(null);
        }
        // A timeout is followed by the completion: the admission is given back once, not twice.
        context.complete();
        assertThat(filter.inFlight()).isZero();
    }

    @Test
    void refusesALimitBelowOneNamingTheSetting() {
        assertThatThrownBy(() -> new InFlightLimitFilter(0, FHIR, refused))
                .hasMessageContaining("rxflow.api.max-in-flight");
    }

    private static MockHttpServletRequest request() {
        var request = new MockHttpServletRequest("POST", "/api/v1/prescriptions");
        request.setAsyncSupported(true);
        return request;
    }
}
