package io.rxflow.hub.support;

/**
 * One reason a prescription is refused: the FHIRPath of the element at fault, a message safe to show
 * the caller (it never echoes PHI values), and the rule's stable code used for audit counts.
 */
public record Violation(String expression, String message, String rule) {}
