package io.rxflow.hub.conversation;

import io.rxflow.hub.pharmacies.Pharmacy;
import io.rxflow.hub.script.SchemaViolations;
import io.rxflow.hub.script.ScriptSettings;
import io.rxflow.hub.script.ScriptValidationException;
import io.rxflow.hub.script.ScriptVersion;
import io.rxflow.hub.script.ScriptXml;
import io.rxflow.hub.script.model.Message;
import java.util.Objects;

/**
 * Reads a pharmacy's message: hardened parse (a DOCTYPE is refused before any entity is expanded),
 * the version the pharmacy is configured for, the hub's 2023011 schema (Error 900/3000 with the XPath
 * of the faulty element), JAXB, then {@link InboundTransactions} for the transaction itself.
 */
public final class InboundReader {
    private final ScriptXml xml;
    private final SchemaViolations schema;
    private final ScriptSettings settings;

    public InboundReader(ScriptXml xml, SchemaViolations schema, ScriptSettings settings) {
        this.xml = Objects.requireNonNull(xml);
        this.schema = Objects.requireNonNull(schema);
        this.settings = Objects.requireNonNull(settings);
    }

    /** The parsed message, for the answer's envelope; refused with Error 900/500 when it is not XML. */
    public Message parse(String body) {
        if (body == null || body.isBlank()) {
            throw InboundRefusal.rejected("500", "/Message");
        }
        try {
            return xml.unmarshal(body);
        } catch (ScriptValidationException e) {
            throw InboundRefusal.rejected("500", "/Message");
        }
    }

    /** Checks version and schema and reads the transaction; {@code message} is {@link #parse}'s result. */
    public InboundMessage read(String body, Message message, Pharmacy pharmacy) {
        var version = ScriptVersion.of(message.getTransactionVersion(), settings);
        if (version.isEmpty() || version.get() != ScriptVersion.V2023011) {
            // 2017071 follow-up messages have no hub schema or stylesheet yet (docs/conversation.md).
            throw InboundRefusal.rejected("3000", "/Message/@TransactionVersion");
        }
        if (!"2023011".equals(pharmacy.scriptVersion())) {
            throw InboundRefusal.rejected("3000", "/Message/@TransactionVersion");
        }
        schema.check(body).ifPresent(v -> {
            throw InboundRefusal.rejected("3000", v.xpath());
        });
        InboundMessage m = InboundTransactions.read(message);
        if (m.happening() == Happening.RENEWAL_REQUESTED || m.happening() == Happening.CHANGE_REQUESTED) {
            // The prescriber's answer is built from it (Task, RxRenewalResponse, RxChangeResponse).
            m.details().put("xml", body);
        }
        return m;
    }
}
