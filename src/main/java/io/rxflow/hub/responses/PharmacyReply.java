package io.rxflow.hub.responses;

import java.util.Objects;
import java.util.Set;

/**
 * A pharmacy's synchronous SCRIPT answer to a message the hub sent, reduced to what delivery decides
 * on. {@code code} is Status/Code, Error/Code or VerifyStatus/Code ({@code 010} when a Verify has no
 * VerifyStatus); {@code descriptionCode} and {@code description} are optional and never hold PHI in
 * the pharmacy's intent, but a description is remote text: log codes, not descriptions.
 *
 * <p>Rules, from the reference (ncpdp-script.md section 4) and the code lists:
 *
 * <ul>
 *   <li>{@link #accepted()}: Status {@code 000} (accepted by the next hop, which takes responsibility)
 *       or {@code 010} (accepted by the ultimate receiver), or any Verify.
 *   <li>{@link #transientFailure()}: Error {@code 600} (communication problem, try again later) and
 *       {@code 602} (receiver system error), both marked transient in transaction-error-code.csv, and
 *       {@code 601} (receiver unable to process), which the reference calls ambiguous: retry a
 *       bounded number of times, then park, which is exactly what bounded redelivery to the
 *       dead-letter topic does. Never when the description code is {@code 220} (duplicate: do not
 *       resend).
 *   <li>Everything else is a permanent failure: Error {@code 700} (configuration) and {@code 900}
 *       (rejected, fix content), a duplicate, and a Status with another code (001 to 005 are mailbox
 *       answers a NewRx should never get, so a person has to look).
 * </ul>
 */
public record PharmacyReply(
        Kind kind,
        String code,
        String descriptionCode,
        String description,
        String messageId,
        String relatesToMessageId) {

    /** The three SCRIPT transactions a pharmacy answers with. */
    public enum Kind {
        STATUS,
        ERROR,
        VERIFY
    }

    /** Description code 220: the receiver already has this MessageID. */
    public static final String DUPLICATE = "220";

    private static final Set<String> ACCEPTED_STATUS = Set.of("000", "010");
    private static final Set<String> TRANSIENT_ERRORS = Set.of("600", "601", "602");

    public PharmacyReply {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(messageId, "messageId");
    }

    /** The pharmacy (or the next hop) took the message: it must not be sent again. */
    public boolean accepted() {
        return kind == Kind.VERIFY || (kind == Kind.STATUS && ACCEPTED_STATUS.contains(code));
    }

    /** An Error worth sending the same message again later (see the type's Javadoc for the rule). */
    public boolean transientFailure() {
        return kind == Kind.ERROR && TRANSIENT_ERRORS.contains(code) && !duplicate();
    }

    /** An Error saying the pharmacy already received this MessageID (description code 220). */
    public boolean duplicate() {
        return kind == Kind.ERROR && DUPLICATE.equals(descriptionCode);
    }
}
