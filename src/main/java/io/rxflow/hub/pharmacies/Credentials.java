package io.rxflow.hub.pharmacies;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A pharmacy's inbound credential as a SHA-256 hash: the hash given, or the hash of the secret given. */
public final class Credentials {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private Credentials() {}

    /** The hash, or null when neither form is usable (blank, or an unresolved ${...} placeholder). */
    static byte[] hash(Pharmacy.Inbound inbound) {
        if (inbound == null) {
            return null;
        }
        String hashed = inbound.credentialSha256();
        if (hashed != null && SHA256_HEX.matcher(hashed.strip()).matches()) {
            return HexFormat.of().parseHex(hashed.strip().toLowerCase(java.util.Locale.ROOT));
        }
        String plain = inbound.credential();
        if (usable(plain)) {
            return sha256(plain);
        }
        return null;
    }

    /** True when the pharmacy has an inbound credential the production profile accepts. */
    public static boolean usable(Pharmacy pharmacy) {
        return hash(pharmacy.inbound()) != null;
    }

    /**
     * True when the pharmacy's credential is the demo default of the shipped directory and simulator
     * ({@code simulator-<ncpdp-id>}), in either form: public text, refused by the production profile.
     */
    public static boolean isDemo(Pharmacy pharmacy) {
        byte[] hash = hash(pharmacy.inbound());
        return hash != null && MessageDigest.isEqual(hash, sha256("simulator-" + pharmacy.ncpdpId()));
    }

    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    private static boolean usable(String value) {
        return value != null && !value.isBlank() && !value.contains("${");
    }
}
