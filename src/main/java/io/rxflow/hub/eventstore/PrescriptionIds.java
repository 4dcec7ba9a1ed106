package io.rxflow.hub.eventstore;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Prescription ids are UUIDv7 (RFC 9562): the Unix milliseconds of receipt in the first 48 bits, then
 * 74 random bits. The event store is partitioned by range of these ids (V62), so the first bits place
 * every event of a prescription in the month it was received; they also make ids arrive in index
 * order. The random part comes from {@link SecureRandom}: an id is no easier to guess than a UUIDv4
 * of the same second.
 */
public final class PrescriptionIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private PrescriptionIds() {}

    public static UUID next(Clock clock) {
        long millis = clock.millis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | 0x7000L | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /** The receipt time an id carries (epoch milliseconds), when it is a UUIDv7. */
    public static long millis(UUID id) {
        if (id.version() != 7) {
            throw new IllegalArgumentException("not a UUIDv7: " + id);
        }
        return id.getMostSignificantBits() >>> 16;
    }

    /**
     * When the prescription with this id was received, read off the id itself; empty for an id that is
     * not a UUIDv7 (those from before V62) or not a UUID at all.
     */
    public static Optional<Instant> receivedAt(String id) {
        try {
            UUID uuid = UUID.fromString(id);
            return uuid.version() == 7 ? Optional.of(Instant.ofEpochMilli(millis(uuid))) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
