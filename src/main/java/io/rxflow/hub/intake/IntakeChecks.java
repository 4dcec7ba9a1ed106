package io.rxflow.hub.intake;

import io.rxflow.hub.intake.validation.PrescriptionValidator;
import io.rxflow.hub.intake.validation.ValidationFailedException;
import io.rxflow.hub.support.Violation;
import java.util.List;
import org.apache.camel.Body;
import org.springframework.stereotype.Component;

/** Runs the validator on a parsed submission and refuses it (422) with every broken rule. */
@Component("intakeChecks")
public class IntakeChecks {
    private static final String HELD_PHARMACY = "Organization";
    private static final String MISSING = "resource-missing";

    private final PrescriptionValidator validator;

    public IntakeChecks(PrescriptionValidator validator) {
        this.validator = validator;
    }

    public IntakeRequest validate(@Body IntakeRequest request) {
        // A held order has no pharmacy yet: the pharmacy's rules apply when it is routed.
        List<Violation> violations = validator.validate(request.resources()).stream()
                .filter(v -> !(request.held() && HELD_PHARMACY.equals(v.expression()) && MISSING.equals(v.rule())))
                .toList();
        if (!violations.isEmpty()) {
            throw new ValidationFailedException(violations);
        }
        return request;
    }
}
