package io.rxflow.hub.intake;

import java.util.List;

/**
 * A SCRIPT message the hub refuses, answered with a SCRIPT Error: the transaction error {@code code}
 * (900 rejected, 600 try again later, ...), its DescriptionCodes and the Description, which is the
 * XPath of the faulty element where the DescriptionCode requires one (500, 1000, 2000, 3000).
 * {@code rule} names the refusal in the rejection audit, like a FHIR refusal's rule.
 */
public class ScriptRejectedException extends RuntimeException {
    private final int httpStatus;
    private final String code;
    private final List<String> descriptionCodes;
    private final String xpath;
    private final String rule;

    public ScriptRejectedException(
            int httpStatus, String code, List<String> descriptionCodes, String xpath, String rule) {
        super(rule + (xpath == null ? "" : " at " + xpath));
        this.httpStatus = httpStatus;
        this.code = code;
        this.descriptionCodes = List.copyOf(descriptionCodes);
        this.xpath = xpath;
        this.rule = rule;
    }

    /** 900 with one DescriptionCode: the content is refused, resending it unchanged fails again. */
    static ScriptRejectedException rejected(int httpStatus, String descriptionCode, String xpath, String rule) {
        return new ScriptRejectedException(httpStatus, "900", List.of(descriptionCode), xpath, rule);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String code() {
        return code;
    }

    public List<String> descriptionCodes() {
        return descriptionCodes;
    }

    public String xpath() {
        return xpath;
    }

    public String rule() {
        return rule;
    }
}
