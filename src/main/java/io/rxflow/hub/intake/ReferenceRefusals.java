package io.rxflow.hub.intake;

import io.rxflow.hub.intake.validation.Rule;
import io.rxflow.hub.intake.validation.ValidationFailedException;
import io.rxflow.hub.support.Violation;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.r5.model.DomainResource;

/**
 * The refusals of reference resolution, worded for the EHR analyst who must fix the message: the
 * element, the reference as sent, and where the resource could have come from. A reference's value is
 * quoted (the sender needs it to find the element); resource content never is.
 */
final class ReferenceRefusals {
    private static final int SHOWN_MAX = 120;

    private ReferenceRefusals() {}

    static ValidationFailedException refused(String path, String message, Rule rule) {
        return new ValidationFailedException(List.of(new Violation(path, message, rule.code())));
    }

    static ValidationFailedException notContained(String path, String value, DomainResource container) {
        return refused(
                path + ".reference",
                "refers to '" + shown(value) + "', but " + container.fhirType()
                        + ".contained holds no resource with id '" + shown(value.substring(1)) + "'"
                        + containedIds(container),
                Rule.REFERENCE_UNRESOLVED);
    }

    static ValidationFailedException notSent(String path, String value, String whereToSend) {
        return refused(
                path + ".reference",
                "refers to '" + shown(value) + "', which is not among the resources sent; the hub fetches nothing,"
                        + " so it must come with the request: " + whereToSend,
                Rule.REFERENCE_UNRESOLVED);
    }

    static ValidationFailedException logical(String path, String whereToSend) {
        return refused(
                path + ".identifier",
                "identifies the resource without sending it (a logical reference); the hub fetches nothing, so it"
                        + " must come with the request: " + whereToSend,
                Rule.REFERENCE_UNRESOLVED);
    }

    static ValidationFailedException sentTwice(String path, String value, String type, String member) {
        return refused(
                path + ".reference",
                "refers to the contained " + type + " '" + shown(value) + "' while the envelope also has a '" + member
                        + "' member; send it once, one way or the other",
                Rule.REFERENCE_AMBIGUOUS);
    }

    static ValidationFailedException wrongType(String path, String found, String expected) {
        return refused(path, "refers to a " + found + "; it must refer to a " + expected, Rule.REFERENCE_WRONG_TYPE);
    }

    /** A required part not referred to at all (400): in the envelope, named by its member. */
    static InputRejectedException missing(boolean envelope, String path, String member, String what) {
        if (envelope) {
            return InputRejectedException.malformed(
                    "The envelope has no '" + member + "' and " + path + " does not refer to a contained resource: "
                            + "a NewRx needs " + what,
                    member);
        }
        return InputRejectedException.malformed(path + " is missing: a NewRx needs " + what, path);
    }

    /** A reference as sent, for the caller to find it: printable ASCII, cut short. */
    static String shown(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7E]", "?").replace("'", "\\'");
        return printable.length() <= SHOWN_MAX ? printable : printable.substring(0, SHOWN_MAX) + "...";
    }

    // HAPI clients make up contained ids (UUIDs): listing what was contained shows a renamed one at once.
    private static String containedIds(DomainResource container) {
        if (!container.hasContained()) {
            return " (it contains nothing)";
        }
        return " (contained: "
                + container.getContained().stream()
                        .map(r -> r.fhirType() + " '"
                                + shown(String.valueOf(r.getIdElement().getIdPart())) + "'")
                        .collect(Collectors.joining(", "))
                + ")";
    }
}
