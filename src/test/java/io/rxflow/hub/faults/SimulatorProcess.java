package io.rxflow.hub.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.HubClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The pharmacy simulator ({@code StandaloneSimulator}) in a JVM of its own, from the hub's jar. */
public final class SimulatorProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port = FaultSupport.freePort();
    private final ChildProcess process;
    private final HubClient http;

    public SimulatorProcess(Path dir) {
        this.process = ChildProcess.java(
                "simulator",
                dir,
                List.of(
                        "-Xms64m",
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-Dloader.main=io.rxflow.hub.simulator.StandaloneSimulator"),
                FaultSupport.JAR.toString(),
                "org.springframework.boot.loader.launch.PropertiesLauncher",
                List.of(String.valueOf(port)),
                Map.of());
        this.http = new HubClient(baseUrl(), null);
    }

    public SimulatorProcess start() {
        process.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("simulator exited:\n" + process.tail(40));
            }
            try {
                if (http.get("/simulator/pharmacies/1234563/received").statusCode() == 200) {
                    return this;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            FaultSupport.pause(Duration.ofMillis(200));
        }
        throw new IllegalStateException("simulator not ready:\n" + process.tail(40));
    }

    /** What {@code RXFLOW_SIMULATOR_URL} should be for a hub using it. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public void mode(String ncpdpId, String mode) {
        var request = http.request("/simulator/pharmacies/" + ncpdpId + "/mode")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(mode))
                .build();
        int status = http.send(request).statusCode();
        if (status != 204) {
            throw new IllegalStateException("mode " + mode + " answered " + status);
        }
    }

    /** What one pharmacy accepted: distinct NewRx MessageIDs and the same-MessageID re-sends. */
    public Received received(String ncpdpId) {
        try {
            JsonNode body = JSON.readTree(
                    http.get("/simulator/pharmacies/" + ncpdpId + "/received").body());
            List<String> ids = new ArrayList<>();
            body.get("message_ids").forEach(n -> ids.add(n.asText()));
            return new Received(ids, body.get("duplicates").asInt());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Distinct MessageIDs accepted and the number of times one arrived again. */
    public record Received(List<String> messageIds, int duplicates) {}

    public ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.kill();
    }
}
