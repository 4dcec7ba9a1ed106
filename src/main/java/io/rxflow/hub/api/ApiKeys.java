package io.rxflow.hub.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The accepted API keys, kept only as SHA-256 hashes. A presented key is compared against every hash
 * in constant time, so neither the comparison nor the position of a match leaks through timing.
 */
public final class ApiKeys {
    private final List<byte[]> hashes;

    public ApiKeys(List<String> plainKeys) {
        List<String> keys =
                plainKeys.stream().map(String::strip).filter(k -> !k.isEmpty()).toList();
        // Spring binds an unresolved ${...} as literal text: such a "key" is public knowledge, never a key.
        if (keys.stream().anyMatch(k -> k.contains("${"))) {
            throw new IllegalStateException(
                    "An API key is an unresolved ${...} placeholder: set RXFLOW_API_KEYS (comma-separated)");
        }
        this.hashes = keys.stream().map(ApiKeys::sha256).toList();
        if (hashes.isEmpty()) {
            throw new IllegalStateException("No API key configured (RXFLOW_API_KEYS)");
        }
    }

    /** The key's id (first 12 hex digits of its hash, safe to audit), or empty when it is not accepted. */
    public Optional<String> identify(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] candidate = sha256(presented);
        byte[] match = null;
        for (byte[] hash : hashes) {
            if (MessageDigest.isEqual(hash, candidate)) {
                match = hash;
            }
        }
        return Optional.ofNullable(match).map(ApiKeys::id);
    }

    /** The ids of the accepted keys, as {@link #identify} names them, for settings keyed by key id. */
    public Set<String> ids() {
        return hashes.stream().map(ApiKeys::id).collect(Collectors.toUnmodifiableSet());
    }

    private static String id(byte[] hash) {
        return "key-" + HexFormat.of().formatHex(hash, 0, 6);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
