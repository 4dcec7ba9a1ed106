package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The same prescription sent many times, also all at once, is stored once. */
class IdempotencyIT extends HubIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void storesOnePrescriptionWhenFiftyCopiesArriveAtOnce() throws Exception {
        String envelope = Fixtures.named("valid", "lisinopril-daily-envelope")
                .envelope()
                .replace("ORD-2026-000117", "ORD-RACE-50");
        var start = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            for (int i = 0; i < 50; i++) {
                calls.add(CompletableFuture.supplyAsync(
                        () -> {
                            await(start);
                            return hub().post("/api/v1/prescriptions", "application/json", envelope);
                        },
                        pool));
            }
            start.countDown();
            List<HttpResponse<String>> answers =
                    calls.stream().map(CompletableFuture::join).toList();
            assertThat(answers).filteredOn(r -> r.statusCode() == 201).hasSize(1);
            assertThat(answers).filteredOn(r -> r.statusCode() == 200).hasSize(49);
            var ids = answers.stream().map(r -> id(r.body())).distinct().toList();
            assertThat(ids).hasSize(1);
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM prescription_event WHERE prescription_id = CAST(? AS uuid)"
                                    + " AND event_type = 'PrescriptionReceived'",
                            Integer.class,
                            ids.get(0)))
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void usesTheClientIdempotencyKeyInsteadOfTheContent() {
        var f = Fixtures.named("valid", "lisinopril-daily-envelope");
        var headers = Map.of("Idempotency-Key", "ehr-msg-000991");
        var first = hub().post(
                        "/api/v1/prescriptions",
                        "application/json",
                        f.envelope().replace("ORD-2026-000117", "ORD-CLIENT-KEY-1"),
                        headers);
        var changed = hub().post(
                        "/api/v1/prescriptions",
                        "application/json",
                        f.envelope().replace("ORD-2026-000117", "ORD-CLIENT-KEY-2"),
                        headers);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(id(changed.body())).isEqualTo(id(first.body()));

        var otherCaller = new HubClient("http://127.0.0.1:" + port, "it-key-two")
                .post(
                        "/api/v1/prescriptions",
                        "application/json",
                        f.envelope().replace("ORD-2026-000117", "ORD-CLIENT-KEY-3"),
                        headers);
        assertThat(otherCaller.statusCode()).as("keys are scoped to the caller").isEqualTo(201);
    }

    @Test
    void treatsAChangedPrescriptionAsANewOne() {
        var f = Fixtures.named("valid", "lisinopril-daily-envelope");
        String base = f.envelope().replace("ORD-2026-000117", "ORD-CHANGED-1");
        var first = hub().post("/api/v1/prescriptions", "application/json", base);
        var moreTablets = hub().post(
                        "/api/v1/prescriptions", "application/json", base.replace("\"value\": 30,", "\"value\": 60,"));
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(moreTablets.statusCode()).isEqualTo(201);
        assertThat(id(moreTablets.body())).isNotEqualTo(id(first.body()));
    }

    private static String id(String body) {
        try {
            return JSON.readTree(body).get("id").asText();
        } catch (Exception e) {
            throw new AssertionError("Not a prescription answer: " + body, e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
