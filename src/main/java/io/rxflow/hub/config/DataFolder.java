package io.rxflow.hub.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/** The embedded-defaults state folder: database files and generated secrets, readable by the owner only. */
final class DataFolder {
    private final Path root;

    DataFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + this.root, e);
        }
    }

    Path resolve(String name) {
        return root.resolve(name);
    }

    /** Reads a secret kept in the folder; a blank file is refused rather than used as a secret. */
    Optional<String> readSecret(String name) {
        Path file = root.resolve(name);
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            String secret = Files.readString(file).strip();
            if (secret.isEmpty()) {
                throw new IllegalStateException(file + " is empty. It was not written by this hub (which writes"
                        + " it whole or not at all); restore it, or delete it to have a new one generated"
                        + " (a new idempotency secret gives new keys to resends of earlier prescriptions)");
            }
            return Optional.of(secret);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Creates a 256-bit random secret, stores it with owner-only permissions and returns it. */
    String createSecret(String name) {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        Path file = root.resolve(name);
        Path partial = root.resolve(name + ".partial");
        try {
            // Written aside and moved into place: a full disk leaves no empty or truncated secret behind.
            Files.writeString(partial, secret + "\n");
            // Non-POSIX file systems (rare for a server) keep their default permissions.
            if (partial.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return secret;
    }
}
