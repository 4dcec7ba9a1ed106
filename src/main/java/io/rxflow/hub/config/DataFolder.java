package io.rxflow.hub.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Reads a secret kept in the folder. */
    Optional<String> readSecret(String name) {
        Path file = root.resolve(name);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
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
        try {
            Files.writeString(file, secret + "\n");
            // Non-POSIX file systems (rare for a server) keep their default permissions.
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return secret;
    }
}
