package io.rxflow.hub.conversation;

/**
 * A message from a pharmacy the hub answers with a SCRIPT Error: {@code code} from
 * transaction-error-code.csv, {@code descriptionCode} from error-description-code.csv and, for 500,
 * 1000, 2000 and 3000, the XPath of the faulty element as {@code description}. Never quotes content.
 */
public final class InboundRefusal extends RuntimeException {
    /** Error/Code 900: transaction rejected, permanent. */
    public static final String REJECTED = "900";

    private final String code;
    private final String descriptionCode;
    private final String description;

    public InboundRefusal(String code, String descriptionCode, String description) {
        super("SCRIPT Error " + code + "/" + descriptionCode + " " + description);
        this.code = code;
        this.descriptionCode = descriptionCode;
        this.description = description;
    }

    /** Error 900 with {@code descriptionCode} and {@code description}. */
    public static InboundRefusal rejected(String descriptionCode, String description) {
        return new InboundRefusal(REJECTED, descriptionCode, description);
    }

    public String code() {
        return code;
    }

    public String descriptionCode() {
        return descriptionCode;
    }

    public String description() {
        return description;
    }
}
