package io.rxflow.hub.intake;

import org.hl7.fhir.r5.model.OperationOutcome.IssueType;

/** A request the hub cannot read (malformed, wrong FHIR version, unsupported type): permanent, never retried. */
public class InputRejectedException extends RuntimeException {
    private final int httpStatus;
    private final IssueType issueType;
    private final String expression;
    private final String rule;

    public InputRejectedException(int httpStatus, IssueType issueType, String rule, String message, String expression) {
        super(message);
        this.httpStatus = httpStatus;
        this.issueType = issueType;
        this.rule = rule;
        this.expression = expression;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public IssueType issueType() {
        return issueType;
    }

    public String expression() {
        return expression;
    }

    public String rule() {
        return rule;
    }

    public static InputRejectedException malformed(String message, String expression) {
        return new InputRejectedException(400, IssueType.STRUCTURE, "malformed-input", message, expression);
    }
}
