package io.rxflow.hub.responses;

import io.rxflow.hub.responses.PharmacyReply.Kind;
import io.rxflow.hub.script.ScriptValidationException;
import io.rxflow.hub.script.ScriptXml;
import io.rxflow.hub.script.model.BodyType;
import io.rxflow.hub.script.model.ErrorType;
import io.rxflow.hub.script.model.Message;
import io.rxflow.hub.script.model.StatusType;
import io.rxflow.hub.script.model.VerifyType;
import java.util.List;
import java.util.Objects;

/** Reads a pharmacy's SCRIPT answer (Status, Error or Verify, 2023011 or 2017071) into a {@link PharmacyReply}. */
public final class PharmacyReplies {
    private final ScriptXml xml;

    public PharmacyReplies(ScriptXml xml) {
        this.xml = Objects.requireNonNull(xml);
    }

    /**
     * Parses the reply with the hardened parser (no DOCTYPE, so no XXE and no entity expansion).
     *
     * @throws InvalidReplyException when it is not a readable Status, Error or Verify
     */
    public PharmacyReply parse(String replyXml) {
        if (replyXml == null || replyXml.isBlank()) {
            throw new InvalidReplyException("pharmacy reply is empty");
        }
        Message message;
        try {
            message = xml.unmarshal(replyXml);
        } catch (ScriptValidationException e) {
            throw new InvalidReplyException("pharmacy reply is not well-formed SCRIPT XML (or declares a DOCTYPE)", e);
        }
        if (message.getHeader() == null || message.getBody() == null) {
            throw new InvalidReplyException("pharmacy reply is not a SCRIPT Message with a Header and a Body");
        }
        String messageId = required(message.getHeader().getMessageID(), "Header/MessageID");
        String relatesTo = trimmed(message.getHeader().getRelatesToMessageID());
        return reply(message.getBody(), messageId, relatesTo);
    }

    private static PharmacyReply reply(BodyType body, String messageId, String relatesTo) {
        StatusType status = body.getStatus();
        if (status != null) {
            String code = required(status.getCode(), "Status/Code");
            return new PharmacyReply(
                    Kind.STATUS,
                    code,
                    descriptionCode(status.getDescriptionCode()),
                    trimmed(status.getDescription()),
                    messageId,
                    relatesTo);
        }
        ErrorType error = body.getError();
        if (error != null) {
            String code = required(error.getCode(), "Error/Code");
            return new PharmacyReply(
                    Kind.ERROR,
                    code,
                    descriptionCode(error.getDescriptionCode()),
                    trimmed(error.getDescription()),
                    messageId,
                    relatesTo);
        }
        VerifyType verify = body.getVerify();
        if (verify != null) {
            // VerifyStatus is optional and 010 is its only code: a bare Verify means the same.
            var vs = verify.getVerifyStatus();
            String code = vs == null || trimmed(vs.getCode()) == null ? "010" : trimmed(vs.getCode());
            String description = vs == null ? null : trimmed(vs.getDescription());
            return new PharmacyReply(Kind.VERIFY, code, null, description, messageId, relatesTo);
        }
        throw new InvalidReplyException("pharmacy reply is not a SCRIPT Status, Error or Verify");
    }

    /** The first description code, except that 220 (duplicate) wins: it changes what the sender must do. */
    private static String descriptionCode(List<String> codes) {
        List<String> present = codes.stream()
                .map(PharmacyReplies::trimmed)
                .filter(Objects::nonNull)
                .toList();
        if (present.contains(PharmacyReply.DUPLICATE)) {
            return PharmacyReply.DUPLICATE;
        }
        return present.isEmpty() ? null : present.get(0);
    }

    private static String required(String value, String element) {
        String v = trimmed(value);
        if (v == null) {
            throw new InvalidReplyException("pharmacy reply has no " + element);
        }
        return v;
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
