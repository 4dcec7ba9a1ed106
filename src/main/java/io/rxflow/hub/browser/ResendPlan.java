package io.rxflow.hub.browser;

import io.rxflow.hub.eventstore.PrescriptionStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * What a resend would do, before it does it (the dry run): the prescriptions whose NewRx would go out
 * again, and every other one found with the reason it would not. Only a prescription whose delivery
 * failed ({@code dispatch_failed}: every attempt failed, the pharmacy never answered) is resent; one
 * the pharmacy answered is never sent twice. The confirmation token is a digest of exactly this set
 * (ids and versions) and the reason, so a confirm resends what the operator saw or nothing.
 */
record ResendPlan(List<Candidate> resend, List<Excluded> excluded) {

    /** A prescription whose NewRx would be resent, at the version the dry run saw. */
    record Candidate(UUID id, String pharmacy, String messageId, int version) {}

    /** A prescription found but not resent, and why. */
    record Excluded(UUID id, String status, String why) {}

    /**
     * The plan for browser rows ({@code id, status, pharmacy_ncpdp_id, newrx_message_id, version});
     * {@code pharmacyKnown} says whether a pharmacy is still in the directory.
     */
    static ResendPlan of(List<Map<String, Object>> rows, Predicate<String> pharmacyKnown) {
        List<Candidate> resend = new ArrayList<>();
        List<Excluded> excluded = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            UUID id = (UUID) row.get("id");
            String status = (String) row.get("status");
            String pharmacy = (String) row.get("pharmacy_ncpdp_id");
            String messageId = (String) row.get("newrx_message_id");
            String why = whyNot(status, pharmacy, messageId, pharmacyKnown);
            if (why == null) {
                resend.add(new Candidate(id, pharmacy, messageId, ((Number) row.get("version")).intValue()));
            } else {
                excluded.add(new Excluded(id, status, why));
            }
        }
        return new ResendPlan(List.copyOf(resend), List.copyOf(excluded));
    }

    /** Null when the prescription's NewRx may be resent; otherwise the reason, for the operator. */
    static String whyNot(String status, String pharmacy, String messageId, Predicate<String> pharmacyKnown) {
        if (PrescriptionStatus.DISPATCH_FAILED.equals(status)) {
            if (messageId == null || pharmacy == null) {
                return "it has no NewRx to resend";
            }
            return pharmacyKnown.test(pharmacy)
                    ? null
                    : "its pharmacy " + pharmacy + " is no longer in the directory: route it to another"
                            + " (POST /api/v1/prescriptions/{id}/route)";
        }
        return switch (status) {
            case PrescriptionStatus.PREPARED, PrescriptionStatus.DISPATCHED -> "it is on its way to the pharmacy"
                    + " and its delivery has not failed";
            case PrescriptionStatus.ROUTING_FAILED -> "it was never routed to a pharmacy: route it"
                    + " (POST /api/v1/prescriptions/{id}/route)";
            case PrescriptionStatus.REJECTED_BY_PHARMACY -> "the pharmacy refused it with a SCRIPT Error and would"
                    + " refuse the same NewRx again: correct it and route it again";
            default -> "the pharmacy answered it (status " + status + "): a resend would send it twice";
        };
    }

    /** The token a confirm must carry: a digest of the reason and of each candidate's id and version. */
    String token(String reason) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(reason.getBytes(StandardCharsets.UTF_8));
            resend.stream()
                    .sorted(Comparator.comparing(Candidate::id))
                    .forEach(c -> digest.update(("\n" + c.id() + "@" + c.version()).getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
