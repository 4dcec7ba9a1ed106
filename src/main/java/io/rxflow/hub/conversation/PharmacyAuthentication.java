package io.rxflow.hub.conversation;

import io.rxflow.hub.pharmacies.Credentials;
import io.rxflow.hub.pharmacies.Pharmacy;
import io.rxflow.hub.pharmacies.PharmacyDirectory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Who sent a message to {@code /ncpdp/inbound}: HTTP Basic with the pharmacy's NCPDP ID as user and
 * its own directory credential as password (never an EHR's API key). The secret is compared as a
 * SHA-256 hash in constant time; an unknown pharmacy costs the same hash as a known one.
 */
public final class PharmacyAuthentication {
    private static final byte[] NO_MATCH = Credentials.sha256("no pharmacy has this credential");

    private final PharmacyDirectory directory;

    public PharmacyAuthentication(PharmacyDirectory directory) {
        this.directory = directory;
    }

    /** The pharmacy the Authorization header proves, or empty. */
    public Optional<Pharmacy> identify(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        Optional<Pharmacy> pharmacy = directory.find(decoded.substring(0, colon));
        byte[] expected = pharmacy.map(Pharmacy::inboundCredentialHash).orElse(null);
        byte[] presented = Credentials.sha256(decoded.substring(colon + 1));
        boolean match = MessageDigest.isEqual(expected == null ? NO_MATCH : expected, presented);
        return match && expected != null ? pharmacy : Optional.empty();
    }
}
