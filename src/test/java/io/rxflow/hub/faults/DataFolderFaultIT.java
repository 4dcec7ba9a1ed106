package io.rxflow.hub.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rxflow.hub.HubClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The data folder of embedded defaults unusable at start: a file where the folder should be, a disk
 * that fills during the first start (a small tmpfs), a read-only folder (a read-only remount; tests
 * run as root, and root ignores chmod). The hub must stop with a clear error, and the same folder must
 * start cleanly once the fault is gone: no half-written store. The mounts need root with
 * CAP_SYS_ADMIN; without it those tests are skipped, and the file case still runs.
 */
@Tag("fault")
class DataFolderFaultIT {
    private static final String KEY = "data-folder-fault-key";

    private final Path dir = Path.of(
                    "target/faults/data-folder-" + ProcessHandle.current().pid())
            .toAbsolutePath();
    private final List<ChildProcess> hubs = new ArrayList<>();
    private final Map<ChildProcess, Integer> ports = new java.util.HashMap<>();
    private Path mount;

    @AfterEach
    void cleanUp() throws Exception {
        hubs.forEach(ChildProcess::kill);
        if (mount != null) {
            // The embedded PostgreSQL of a killed hub may still hold the mount for a moment.
            for (int i = 0; i < 20 && run("umount", mount.toString()) != 0; i++) {
                FaultSupport.pause(Duration.ofMillis(500));
            }
            if (Files.exists(mount.resolve("postgres"))) {
                run("umount", "-l", mount.toString());
            }
        }
    }

    @Test
    void refusesToStartWhenTheDataFolderIsAFile() throws IOException {
        Files.createDirectories(dir);
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        ChildProcess hub = embeddedHub("file-as-folder", file);
        OptionalInt exit = hub.start().awaitExit(Duration.ofMinutes(3));
        assertThat(exit)
                .as("the hub exits instead of running without its store")
                .isPresent();
        assertThat(exit.getAsInt()).isNotZero();
        assertThat(hub.logText()).contains("Cannot create the data folder " + file);
    }

    @ParameterizedTest(name = "tmpfs of {0} MB")
    @ValueSource(ints = {16, 96})
    @Tag("long")
    void diskFullAtFirstStartFailsClearlyAndTheSameFolderStartsOnceThereIsRoom(int megabytes) throws Exception {
        mount = mountTmpfs("full-" + megabytes, megabytes);
        ChildProcess hub = embeddedHub("disk-full-" + megabytes, mount);
        long t0 = System.nanoTime();
        OptionalInt exit = hub.start().awaitExit(Duration.ofMinutes(4));
        long failedAfterMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(exit)
                .as("the hub exits when the disk is full:\n" + hub.tail(30))
                .isPresent();
        assertThat(exit.getAsInt()).isNotZero();
        assertThat(hub.logText()).containsIgnoringCase("No space left on device");

        assertThat(run("mount", "-o", "remount,size=2g", mount.toString())).isZero();
        ChildProcess again = embeddedHub("disk-full-" + megabytes + "-again", mount);
        awaitReady(again, Duration.ofMinutes(4));
        assertThat(submit(again).statusCode()).isEqualTo(201);

        Properties figures = new Properties();
        figures.put("tmpfs_mb", String.valueOf(megabytes));
        figures.put("exit_code", String.valueOf(exit.getAsInt()));
        figures.put("failed_after_ms", String.valueOf(failedAfterMs));
        FaultSupport.report("disk-full-" + megabytes + "mb", figures);
    }

    @Test
    @Tag("long")
    void readOnlyDataFolderFailsClearlyAtStartAndKeepsItsData() throws Exception {
        mount = mountTmpfs("read-only", 1024);
        ChildProcess first = embeddedHub("read-only-first", mount);
        awaitReady(first, Duration.ofMinutes(4));
        var created = submit(first);
        assertThat(created.statusCode()).isEqualTo(201);
        first.stop();

        assertThat(run("mount", "-o", "remount,ro", mount.toString())).isZero();
        ChildProcess readOnly = embeddedHub("read-only", mount);
        OptionalInt exit = readOnly.start().awaitExit(Duration.ofMinutes(4));
        assertThat(exit)
                .as("the hub exits on a read-only data folder:\n" + readOnly.tail(30))
                .isPresent();
        assertThat(exit.getAsInt()).isNotZero();
        assertThat(readOnly.logText()).containsIgnoringCase("Read-only file system");

        assertThat(run("mount", "-o", "remount,rw", mount.toString())).isZero();
        ChildProcess again = embeddedHub("read-only-again", mount);
        awaitReady(again, Duration.ofMinutes(4));
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(client(again).get(location).statusCode()).isEqualTo(200);
    }

    private Path mountTmpfs(String name, int megabytes) throws Exception {
        Path point = dir.resolve(name);
        Files.createDirectories(point);
        int rc = run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", point.toString());
        assumeTrue(rc == 0, "mounting a tmpfs needs root with CAP_SYS_ADMIN");
        return point;
    }

    private ChildProcess embeddedHub(String name, Path dataDir) {
        int port = FaultSupport.freePort();
        ChildProcess hub = ChildProcess.jar(
                name,
                dir,
                List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                FaultSupport.JAR.toAbsolutePath(),
                List.of(
                        "--server.port=" + port,
                        "--server.address=127.0.0.1",
                        "--rxflow.data-dir=" + dataDir,
                        "--rxflow.api.keys=" + KEY,
                        "--rxflow.db.url=",
                        "--rxflow.kafka.brokers="),
                Map.of());
        hubs.add(hub);
        ports.put(hub, port);
        return hub;
    }

    private HubClient client(ChildProcess hub) {
        return new HubClient("http://127.0.0.1:" + ports.get(hub), KEY);
    }

    private void awaitReady(ChildProcess hub, Duration timeout) {
        hub.start();
        HubClient client = client(hub);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!hub.isAlive()) {
                throw new AssertionError(hub.name() + " exited:\n" + hub.tail(60));
            }
            try {
                if (client.get("/actuator/health/readiness").statusCode() == 200
                        && client.get("/api/v1/pharmacies").statusCode() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            FaultSupport.pause(Duration.ofMillis(500));
        }
        throw new AssertionError(hub.name() + " not ready:\n" + hub.tail(60));
    }

    private java.net.http.HttpResponse<String> submit(ChildProcess hub) {
        var load = new PrescriptionLoad("DISK-" + System.nanoTime(), 1);
        return client(hub).post("/api/v1/prescriptions", "application/json", load.envelope(0));
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        if (p.exitValue() != 0) {
            System.err.println(String.join(" ", command) + ": " + output);
        }
        return p.exitValue();
    }
}
