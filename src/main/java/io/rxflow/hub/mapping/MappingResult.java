package io.rxflow.hub.mapping;

import io.rxflow.hub.script.model.Message;
import io.rxflow.hub.support.Violation;
import java.util.List;
import java.util.Objects;

/** Outcome of mapping one prescription: a NewRx message, or the non-empty list of reasons it was refused. */
public record MappingResult(Message message, List<Violation> violations) {

    public MappingResult {
        violations = List.copyOf(violations);
        if ((message == null) == violations.isEmpty()) {
            throw new IllegalArgumentException("exactly one of message or violations must be present");
        }
    }

    /** A mapped message. */
    public static MappingResult mapped(Message message) {
        return new MappingResult(Objects.requireNonNull(message), List.of());
    }

    /** A refusal; {@code violations} must not be empty. */
    public static MappingResult refused(List<Violation> violations) {
        return new MappingResult(null, violations);
    }

    /** True when a message was produced. */
    public boolean isMapped() {
        return message != null;
    }
}
