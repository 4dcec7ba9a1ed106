package io.rxflow.hub.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL left running by a hub that was killed (kill -9, OOM killer, power button on a
 * VM): it still holds the data folder, so the next start would fail on {@code postmaster.pid}. It is
 * stopped only when it is truly orphaned, that is when no JVM is its parent any more; a postmaster
 * that belongs to another running hub on the same folder is left alone, and that start fails as before.
 */
final class OrphanedPostmaster {
    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private OrphanedPostmaster() {}

    /** Stops the postmaster named by {@code dataDir/postmaster.pid} if it runs with no hub above it. */
    static void stopIfOrphaned(Path dataDir) {
        pidOf(dataDir.resolve("postmaster.pid"))
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(OrphanedPostmaster::isPostgres)
                .filter(OrphanedPostmaster::isOrphaned)
                .ifPresent(OrphanedPostmaster::stop);
    }

    private static Optional<Long> pidOf(Path pidFile) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            String first =
                    Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
            return first.matches("[0-9]+") ? Optional.of(Long.parseLong(first)) : Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + pidFile + ": " + e.getMessage(), e);
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(c -> c.endsWith("/postgres")).orElse(false);
    }

    /** Re-parented to init (or a sub-reaper): the JVM that started it is gone. */
    private static boolean isOrphaned(ProcessHandle process) {
        return process.parent()
                .map(parent -> !parent.info().command().orElse("").endsWith("/java"))
                .orElse(true);
    }

    private static void stop(ProcessHandle postmaster) {
        log.warn(
                "The embedded PostgreSQL (pid {}) of a hub that did not shut down is still running: stopping it",
                postmaster.pid());
        // SIGTERM: PostgreSQL's smart shutdown; its clients died with the old hub, so it ends at once.
        postmaster.destroy();
        try {
            postmaster.onExit().get(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the orphaned PostgreSQL", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The orphaned embedded PostgreSQL (pid " + postmaster.pid()
                    + ") did not stop within " + SHUTDOWN_WAIT.toSeconds() + " s; stop it by hand");
        }
    }
}
