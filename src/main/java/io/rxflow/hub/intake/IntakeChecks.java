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
    private final PrescriptionValidator validator;

    public IntakeChecks(PrescriptionValidator validator) {
        this.validator = validator;
    }

    public IntakeRequest validate(@Body IntakeRequest request) {
        List<Violation> violations = validator.validate(request.resources());
        if (!violations.isEmpty()) {
            throw new ValidationFailedException(violations);
        }
        return request;
    }
}
