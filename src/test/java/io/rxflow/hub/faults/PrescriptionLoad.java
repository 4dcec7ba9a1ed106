package io.rxflow.hub.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rxflow.hub.Fixtures;
import io.rxflow.hub.HubClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A bounded client loop: {@code threads} EHR clients sending distinct prescriptions (each its own
 * order number, spread over the demo pharmacies) until the count is reached or {@link #stop()} is
 * called, recording what every request got: a 201/200 with the id, another status, or no answer.
 */
public final class PrescriptionLoad implements AutoCloseable {
    public static final List<String> PHARMACIES = List.of("1234563", "2345671", "3456786");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String run;
    private final int max;
    private final List<Fixtures.Fixture> fixtures = Fixtures.all("valid");
    private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicBoolean paused = new AtomicBoolean();
    private ExecutorService workers;

    /** What one request got: {@code status} -1 when no answer came (connection refused, reset, timeout). */
    public record Outcome(int index, String envelope, int status, String id, String body, String retryAfter) {
        public boolean acknowledged() {
            return status == 201 || status == 200;
        }

        /** Without the envelope (a whole prescription), so that failure messages stay readable. */
        @Override
        public String toString() {
            String text = body == null ? "" : body.substring(0, Math.min(body.length(), 300));
            return "request " + index + ": " + status + " " + text;
        }
    }

    public PrescriptionLoad(String run, int max) {
        this.run = run;
        this.max = max;
    }

    /** Starts the clients; {@code hub} is asked for the target before every request (hubs may change). */
    public PrescriptionLoad start(int threads, Supplier<HubClient> hub) {
        workers = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            workers.submit(() -> {
                int i;
                while (!stopped.get()) {
                    if (paused.get()) {
                        FaultSupport.pause(Duration.ofMillis(20));
                        continue;
                    }
                    if ((i = next.getAndIncrement()) >= max) {
                        break;
                    }
                    Outcome outcome = send(hub.get(), i, envelope(i));
                    outcomes.add(outcome);
                    if (outcome.status() == -1) {
                        // A client backs off after no answer instead of hammering a dead port.
                        FaultSupport.pause(Duration.ofMillis(200));
                    }
                }
            });
        }
        return this;
    }

    /** The envelope of the {@code i}-th prescription of this run. */
    public String envelope(int i) {
        return envelope(i, PHARMACIES.get(i % PHARMACIES.size()));
    }

    /** The envelope of the {@code i}-th prescription of this run, to {@code pharmacy}. */
    public String envelope(int i, String pharmacy) {
        try {
            var root =
                    (ObjectNode) JSON.readTree(fixtures.get(i % fixtures.size()).envelope());
            ((ObjectNode) root.at("/medication_request/identifier/0")).put("value", run + "-" + i);
            for (var id : root.at("/pharmacy/identifier")) {
                if (id.get("system").asText().endsWith("NCPDPProviderIdentificationNumber")) {
                    ((ObjectNode) id).put("value", pharmacy);
                }
            }
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One request, as an EHR sends it. */
    public Outcome send(HubClient hub, int i, String envelope) {
        try {
            var response = hub.post("/api/v1/prescriptions", "application/json", envelope);
            String id = null;
            if (response.statusCode() == 201 || response.statusCode() == 200) {
                id = JSON.readTree(response.body()).get("id").asText();
                acknowledged.incrementAndGet();
            }
            return new Outcome(
                    i,
                    envelope,
                    response.statusCode(),
                    id,
                    response.body(),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (RuntimeException | IOException e) {
            return new Outcome(i, envelope, -1, null, e.toString(), null);
        }
    }

    /** Holds new requests (those in flight go on) until {@link #resume()}. */
    public void pause() {
        paused.set(true);
    }

    public void resume() {
        paused.set(false);
    }

    public int acknowledgedSoFar() {
        return acknowledged.get();
    }

    public boolean finished() {
        return workers.isTerminated();
    }

    /** Waits until {@code count} requests were acknowledged, or the load ended. */
    public void awaitAcknowledged(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acknowledged.get() < count && System.nanoTime() < deadline && next.get() < max) {
            FaultSupport.pause(Duration.ofMillis(20));
        }
    }

    /** Lets requests in flight finish (bounded by the client timeout) and sends no more. */
    public void stop() {
        stopped.set(true);
        awaitEnd(Duration.ofSeconds(60));
    }

    /** Waits for the clients to reach the count. */
    public void awaitEnd(Duration timeout) {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the load did not end in " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public List<Outcome> outcomes() {
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    @Override
    public void close() {
        if (workers != null) {
            stopped.set(true);
            workers.shutdownNow();
        }
    }
}
