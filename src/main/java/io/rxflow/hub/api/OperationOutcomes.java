package io.rxflow.hub.api;

import io.rxflow.hub.support.Violation;
import java.util.List;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.hl7.fhir.r5.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;

/** Builds the FHIR OperationOutcome every refusal is answered with. */
public final class OperationOutcomes {
    private OperationOutcomes() {}

    /** One error issue; {@code expression} may be null when no element is at fault. */
    public static OperationOutcome error(IssueType type, String diagnostics, String expression) {
        var outcome = new OperationOutcome();
        addIssue(outcome, type, diagnostics, expression);
        return outcome;
    }

    /** One error issue per violation, each naming its element and rule. */
    public static OperationOutcome invalid(List<Violation> violations) {
        var outcome = new OperationOutcome();
        for (Violation v : violations) {
            addIssue(outcome, IssueType.INVALID, v.message() + " [" + v.rule() + "]", v.expression());
        }
        return outcome;
    }

    private static void addIssue(OperationOutcome outcome, IssueType type, String diagnostics, String expression) {
        var issue = outcome.addIssue()
                .setSeverity(IssueSeverity.ERROR)
                .setCode(type)
                .setDiagnostics(diagnostics);
        if (expression != null) {
            issue.addExpression(expression);
        }
    }
}
