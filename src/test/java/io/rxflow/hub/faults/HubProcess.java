package io.rxflow.hub.faults;

import io.rxflow.hub.HubClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The hub as an operator runs it: {@code java -jar target/rxflow-hub.jar}, against an external
 * PostgreSQL, an external Kafka and a simulator apart, on a loopback port of its own.
 */
public final class HubProcess implements AutoCloseable {
    public static final String KEY = "fault-test-key";

    private final int port = FaultSupport.freePort();
    private final ChildProcess process;

    /** {@code extraArgs} are further {@code --name=value} settings, e.g. faster redelivery. */
    public HubProcess(
            String name, Path dir, String dbUrl, String brokers, String simulatorUrl, List<String> extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--rxflow.data-dir=" + dir.resolve(name + "-data").toAbsolutePath(),
                "--rxflow.db.url=" + dbUrl,
                "--rxflow.db.user=postgres",
                "--rxflow.kafka.brokers=" + brokers,
                "--rxflow.api.keys=" + KEY,
                "--rxflow.idempotency.secret=fault-test-secret",
                "--rxflow.simulator.enabled=false"));
        args.addAll(extraArgs);
        this.process = ChildProcess.jar(
                name,
                dir,
                List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                FaultSupport.JAR,
                args,
                Map.of("RXFLOW_SIMULATOR_URL", simulatorUrl));
    }

    /** Starts the hub and waits until it is ready and its API routes answer. */
    public HubProcess start() {
        process.start();
        awaitReady(Duration.ofMinutes(3));
        return this;
    }

    public void awaitReady(Duration timeout) {
        HubClient client = client();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited:\n" + process.tail(60));
            }
            try {
                if (client.get("/actuator/health/readiness").statusCode() == 200
                        && client.get("/api/v1/pharmacies").statusCode() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            FaultSupport.pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException(process.name() + " not ready in " + timeout + ":\n" + process.tail(60));
    }

    public HubClient client() {
        return new HubClient(baseUrl(), KEY);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public ChildProcess process() {
        return process;
    }

    /** SIGKILL. */
    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        process.kill();
    }
}
