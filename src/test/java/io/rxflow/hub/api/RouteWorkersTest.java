package io.rxflow.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RouteWorkersTest {
    private static final FhirContext FHIR = FhirContext.forR5Cached();

    @Test
    void runsAsManyAsItHasThreadsQueuesAsManyAsItHasRoomForAndRefusesTheRest() throws Exception {
        try (var workers = new RouteWorkers(2, 1)) {
            var release = new CountDownLatch(1);
            var ran = new AtomicInteger();
            Runnable held = () -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ran.incrementAndGet();
            };
            workers.executor().execute(held);
            workers.executor().execute(held);
            workers.executor().execute(held);
            await().atMost(Duration.ofSeconds(5)).until(() -> workers.active() == 2);
            assertThat(workers.queued()).isEqualTo(1);

            assertThatThrownBy(() -> workers.executor().execute(ran::incrementAndGet))
                    .isInstanceOf(RejectedExecutionException.class);

            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> ran.get() == 3);
            workers.executor().execute(ran::incrementAndGet);
            await().atMost(Duration.ofSeconds(5)).until(() -> ran.get() == 4);
        }
    }

    @Test
    void withoutAQueueARequestRunsAtOnceOrIsRefused() throws Exception {
        try (var workers = new RouteWorkers(1, 0)) {
            var release = new CountDownLatch(1);
            workers.executor().execute(() -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> workers.active() == 1);
            assertThatThrownBy(() -> workers.executor().execute(() -> {}))
                    .isInstanceOf(RejectedExecutionException.class);
            release.countDown();
        }
    }

    @Test
    void refusesNonsenseSizesNamingTheSettings() {
        assertThatThrownBy(() -> new RouteWorkers(0, 10))
                .hasMessageContaining("rxflow.api.route-threads")
                .hasMessageContaining("rxflow.api.route-queue");
        assertThatThrownBy(() -> new RouteWorkers(4, -1)).hasMessageContaining("rxflow.api.route-queue");
    }

    @Test
    void aRefusalIsA503WithRetryAfterAndAnOperationOutcomeAndOtherFailuresAreLeftAlone() throws Exception {
        var meters = new SimpleMeterRegistry();
        var refusal = new BusyRefusal(FHIR, meters.counter("rxflow.http.refused"));
        var request = new MockHttpServletRequest("POST", "/api/v1/prescriptions");

        var response = new MockHttpServletResponse();
        assertThat(refusal.resolveException(request, response, null, new RejectedExecutionException("full")))
                .isNotNull();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.getContentType()).startsWith("application/fhir+json");
        assertThat(response.getContentAsString())
                .contains("\"resourceType\":\"OperationOutcome\"", "\"code\":\"transient\"", "busy");
        assertThat(meters.counter("rxflow.http.refused").count()).isEqualTo(1.0);

        var other = new MockHttpServletResponse();
        assertThat(refusal.resolveException(request, other, null, new IllegalStateException("not ours")))
                .isNull();
        assertThat(other.getStatus()).isEqualTo(200);
        assertThat(meters.counter("rxflow.http.refused").count()).isEqualTo(1.0);
    }
}
