package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * kill -9 on embedded defaults: the hub dies, its embedded PostgreSQL lives on holding the data
 * folder; the next start stops that orphan itself and comes up on the same data, with everything
 * acknowledged before the kill still there.
 */
class EmbeddedKillIT {
    private static final String KEY = "embedded-kill-it-key";
    /** The packaged jar (Failsafe runs after {@code package}): what an operator runs. */
    private static final Path JAR = Path.of("target/rxflow-hub.jar");

    private final Path data =
            Path.of("target/embedded-kill-it-" + ProcessHandle.current().pid());
    private Process hub;

    @AfterEach
    void stopHub() throws Exception {
        if (hub != null && hub.isAlive()) {
            hub.destroy();
            hub.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void restartsOnTheSameDataFolderAfterKillNine() throws Exception {
        int port = freePort();
        hub = start(port, "first");
        HubClient client = new HubClient("http://127.0.0.1:" + port, KEY);
        awaitReady(client);
        // Ready only after the warm-up, which is on by default and found every sample answered.
        assertThat(Files.readString(data.resolve("first.log")))
                .containsPattern("Warm-up: [1-9]\\d+ previews of the sample prescriptions in \\d+ ms\\R");
        String envelope = Fixtures.named("valid", "lisinopril-daily-envelope")
                .envelope()
                .replace("ORD-2026-000117", "ORD-KILL-" + System.nanoTime());
        HttpResponse<String> created = client.post("/api/v1/prescriptions", "application/json", envelope);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();

        hub.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Optional<ProcessHandle> orphan = postmaster();
        assertThat(orphan).as("the embedded PostgreSQL outlives a killed hub").isPresent();

        hub = start(port, "second");
        awaitReady(client);
        assertThat(orphan.get().isAlive()).isFalse();
        assertThat(client.get(location).statusCode()).isEqualTo(200);
        assertThat(client.post("/api/v1/prescriptions", "application/json", envelope)
                        .statusCode())
                .as("the resend finds the prescription acknowledged before the kill")
                .isEqualTo(200);

        // An operator's stop (SIGTERM): the routes drain before the embedded PostgreSQL stops, then it stops.
        hub.destroy();
        assertThat(hub.waitFor(90, TimeUnit.SECONDS)).as("stopped").isTrue();
        String stopLog = Files.readString(data.resolve("second.log"));
        assertThat(stopLog)
                .as("no connection cut by PostgreSQL shutting down (57P01) while routes were still draining")
                .doesNotContain("57P01")
                .doesNotContain("terminating connection due to administrator command");
        assertThat(stopLog)
                .as("the routes drained within Camel's graceful-shutdown timeout (consumers' polls are short)")
                .containsPattern("Routes stopped \\(total:\\d+ templates:\\d+ rest-dsl:\\d+\\)")
                .doesNotContain("Timeout occurred during graceful shutdown")
                .doesNotContain("Failed to close coordinator");
        assertThat(postmaster())
                .as("the embedded PostgreSQL stopped with the hub")
                .isEmpty();
    }

    private Process start(int port, String name) throws IOException {
        Files.createDirectories(data);
        var command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // C1 only, as the IT JVMs (pom.xml, it.argLine): two starts of the whole hub on two cores.
                "-XX:TieredStopAtLevel=1",
                "-Xmx512m",
                "-jar",
                JAR.toString(),
                "--server.port=" + port,
                "--rxflow.data-dir=" + data.toAbsolutePath(),
                "--rxflow.api.keys=" + KEY,
                "--rxflow.db.url=",
                "--rxflow.kafka.brokers=");
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(data.resolve(name + ".log").toFile())
                .start();
    }

    private void awaitReady(HubClient client) {
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(500))
                .failFast("the hub process exited; see " + data + "/*.log", () -> !hub.isAlive())
                .ignoreExceptions()
                .untilAsserted(() -> {
                    // 200, not a body with "UP" in it: the components' details say UP while the whole is not.
                    assertThat(client.get("/actuator/health/readiness").statusCode())
                            .isEqualTo(200);
                    assertThat(client.get("/api/v1/pharmacies").statusCode()).isEqualTo(200);
                });
    }

    private Optional<ProcessHandle> postmaster() throws IOException {
        File pidFile = data.resolve("postgres/postmaster.pid").toFile();
        if (!pidFile.exists()) {
            return Optional.empty();
        }
        String pid = Files.readAllLines(pidFile.toPath()).get(0).strip();
        return ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
