package io.rxflow.hub.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL binaries unpacked under the data folder, trusted only once a server has
 * started from them. The library unpacks straight into its final folder and afterwards takes the
 * folder's existence for completeness: an unpacking cut short (disk full) left truncated binaries that
 * every later start used, failing with "Gave up waiting for server to start". They are a cache of
 * what the jar holds, so an unconfirmed folder is removed and unpacked again.
 */
final class UnpackedBinaries {
    private static final Logger log = LoggerFactory.getLogger(UnpackedBinaries.class);

    private final Path folder;
    private final Path confirmed;

    UnpackedBinaries(Path folder) {
        this.folder = folder;
        this.confirmed = folder.resolveSibling(folder.getFileName() + ".complete");
    }

    Path folder() {
        return folder;
    }

    /** Removes binaries no server has started from yet (left by an interrupted first start). */
    void discardUnconfirmed() {
        if (!Files.exists(folder) || Files.exists(confirmed)) {
            return;
        }
        log.warn("Unpacking the PostgreSQL binaries again: {} was left unconfirmed by an earlier start", folder);
        deleteRecursively(folder);
    }

    /**
     * Removes a database folder no server ever started from: an initdb cut short (disk full, or run
     * by truncated binaries) leaves files that make every later initdb refuse the folder. A folder a
     * postmaster ever ran on has {@code postmaster.opts} and is never touched, so nothing acknowledged
     * can be in what is removed.
     */
    static void discardNeverStarted(Path dataDirectory) {
        if (!Files.isDirectory(dataDirectory) || Files.exists(dataDirectory.resolve("postmaster.opts"))) {
            return;
        }
        log.warn("Initialising the database again: {} was left by an initdb that did not finish", dataDirectory);
        deleteRecursively(dataDirectory);
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + root, e);
        }
    }

    /** Records that a server started from these binaries. */
    void confirm() {
        try {
            if (!Files.exists(confirmed)) {
                Files.createFile(confirmed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + confirmed, e);
        }
    }
}
