package io.rxflow.hub.intake.validation;

import io.rxflow.hub.support.Violation;
import java.util.List;

/** A readable prescription that breaks one or more rules (answered 422): permanent, never retried. */
public class ValidationFailedException extends RuntimeException {
    private final List<Violation> violations;

    public ValidationFailedException(List<Violation> violations) {
        super(violations.size() + " rule(s) failed: "
                + violations.stream().map(Violation::rule).distinct().toList());
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
