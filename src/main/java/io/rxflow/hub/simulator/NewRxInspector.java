package io.rxflow.hub.simulator;

import io.rxflow.hub.script.ScriptConversionException;
import io.rxflow.hub.script.ScriptSchemas;
import io.rxflow.hub.script.ScriptSettings;
import io.rxflow.hub.script.ScriptUpgrade;
import io.rxflow.hub.script.ScriptValidationException;
import io.rxflow.hub.script.ScriptVersion;
import io.rxflow.hub.script.ScriptXml;
import io.rxflow.hub.script.model.Message;
import java.util.Optional;

/**
 * Checks a received SCRIPT message as a pharmacy would: well-formed (hardened parser, no DOCTYPE),
 * valid against the hub's schema for its version, addressed to this pharmacy, and a transaction a
 * prescriber sends. A 2017071 message is also read as 2023011 ({@code xslt/script-2017071-to-2023011.xsl}),
 * so the pharmacy's follow-ups echo its parties and medication. A problem names the Error description
 * code and the XPath the reference wants with it, never message content.
 */
final class NewRxInspector {
    static final int BAD_REQUEST = 400;
    static final int OK = 200;

    private final ScriptXml xml;
    private final ScriptSchemas schemas;
    private final ScriptSettings hub;
    private final ScriptUpgrade upgrade;

    NewRxInspector(ScriptXml xml, ScriptSchemas schemas, ScriptSettings hub) {
        this.xml = xml;
        this.schemas = schemas;
        this.hub = hub;
        this.upgrade = new ScriptUpgrade(hub);
    }

    /** What is wrong: the HTTP status to answer with, the Error DescriptionCode and its XPath. */
    record Problem(int httpStatus, String descriptionCode, String xpath, String reason) {}

    /**
     * The parsed message as sent (null when unreadable; the answer's envelope), the problem (null when
     * it is a message for us), and the message read as 2023011 (the same one unless it came in 2017071).
     */
    record Inspection(Message message, Problem problem, Message read, boolean script2017071) {
        Inspection(Message message, Problem problem) {
            this(message, problem, message, false);
        }

        boolean accepted() {
            return problem == null;
        }

        String messageId() {
            return message == null || message.getHeader() == null
                    ? null
                    : message.getHeader().getMessageID();
        }
    }

    Inspection inspect(String ncpdpId, String body) {
        Message message;
        try {
            message = xml.unmarshal(body == null ? "" : body);
        } catch (ScriptValidationException e) {
            return new Inspection(null, new Problem(BAD_REQUEST, "500", "/Message", "not well-formed XML"));
        }
        if (message.getHeader() == null || message.getBody() == null) {
            return new Inspection(null, new Problem(BAD_REQUEST, "3000", "/Message", "not a SCRIPT Message"));
        }
        Optional<String> invalid = schemaProblem(message, body);
        if (invalid.isPresent()) {
            return new Inspection(message, new Problem(BAD_REQUEST, "3000", "/Message", invalid.get()));
        }
        var to = message.getHeader().getTo();
        if (to == null || !ncpdpId.equals(to.getValue())) {
            return new Inspection(message, new Problem(OK, "1000", "/Message/Header/To", "addressed elsewhere"));
        }
        var transaction = message.getBody();
        if (transaction.getNewRx() == null
                && transaction.getCancelRx() == null
                && transaction.getRxRenewalResponse() == null
                && transaction.getRxChangeResponse() == null) {
            return new Inspection(
                    message, new Problem(OK, "4040", "/Message/Body", "not a transaction a prescriber sends"));
        }
        if (ScriptVersion.of(message.getTransactionVersion(), hub).orElse(null) == ScriptVersion.V2017071) {
            try {
                return new Inspection(
                        message,
                        null,
                        xml.unmarshal(upgrade.toScript2023011(body).xml()),
                        true);
            } catch (ScriptConversionException e) {
                return new Inspection(
                        message, new Problem(OK, "3000", "/Message/Body", "not readable as SCRIPT 2023011"));
            }
        }
        return new Inspection(message, null);
    }

    /**
     * Validates against the schema of the version the TransactionVersion names; when it names neither,
     * the shape decides: whichever schema accepts the message.
     */
    private Optional<String> schemaProblem(Message message, String body) {
        Optional<ScriptVersion> version = ScriptVersion.of(message.getTransactionVersion(), hub);
        if (version.isPresent()) {
            return violation(version.get(), body);
        }
        Optional<String> as2023 = violation(ScriptVersion.V2023011, body);
        return as2023.isEmpty() || violation(ScriptVersion.V2017071, body).isEmpty() ? Optional.empty() : as2023;
    }

    private Optional<String> violation(ScriptVersion version, String body) {
        try {
            if (version == ScriptVersion.V2017071) {
                schemas.validate2017071(body);
            } else {
                schemas.validate2023011(body);
            }
            return Optional.empty();
        } catch (ScriptValidationException e) {
            // The validator's text can quote element values (PHI): only the version is kept.
            return Optional.of(
                    "not valid against the hub's SCRIPT " + version.name().substring(1) + " schema");
        }
    }
}
