package io.rxflow.hub.conversation;

import io.rxflow.hub.pharmacies.Pharmacy;
import io.rxflow.hub.script.SchemaViolations;
import io.rxflow.hub.script.ScriptConversionException;
import io.rxflow.hub.script.ScriptSchemas;
import io.rxflow.hub.script.ScriptSettings;
import io.rxflow.hub.script.ScriptUpgrade;
import io.rxflow.hub.script.ScriptValidationException;
import io.rxflow.hub.script.ScriptVersion;
import io.rxflow.hub.script.ScriptXml;
import io.rxflow.hub.script.model.Message;
import java.util.Objects;

/**
 * Reads a pharmacy's message: hardened parse (a DOCTYPE is refused before any entity is expanded),
 * the version the pharmacy is configured for, the hub's schema of that version (Error 900/3000 with
 * the XPath of the faulty element in the document as sent), a 2017071 message converted to 2023011
 * ({@code xslt/script-2017071-to-2023011.xsl}), the 2023011 schema, JAXB, then
 * {@link InboundTransactions} for the transaction itself.
 */
public final class InboundReader {
    private final ScriptXml xml;
    private final SchemaViolations schema;
    private final ScriptSchemas schemas;
    private final ScriptUpgrade upgrade;
    private final ScriptSettings settings;

    public InboundReader(
            ScriptXml xml,
            SchemaViolations schema,
            ScriptSchemas schemas,
            ScriptUpgrade upgrade,
            ScriptSettings settings) {
        this.xml = Objects.requireNonNull(xml);
        this.schema = Objects.requireNonNull(schema);
        this.schemas = Objects.requireNonNull(schemas);
        this.upgrade = Objects.requireNonNull(upgrade);
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
        // The directory says which version this pharmacy speaks; any other is refused.
        if (version.isEmpty() || !version.get().number().equals(pharmacy.scriptVersion())) {
            throw InboundRefusal.rejected("3000", "/Message/@TransactionVersion");
        }
        String xml2023 = body;
        Message read = message;
        if (version.get() == ScriptVersion.V2017071) {
            schemas.fault2017071(body).ifPresent(f -> {
                throw InboundRefusal.rejected("3000", f.xpath());
            });
            try {
                xml2023 = upgrade.toScript2023011(body).xml();
            } catch (ScriptConversionException e) {
                throw InboundRefusal.rejected("3000", leadingXPath(e.getMessage()));
            }
            read = parse(xml2023);
        }
        schema.check(xml2023).ifPresent(v -> {
            throw InboundRefusal.rejected("3000", v.xpath());
        });
        InboundMessage m = InboundTransactions.read(read);
        if (m.happening() == Happening.RENEWAL_REQUESTED || m.happening() == Happening.CHANGE_REQUESTED) {
            // The prescriber's answer is built from it (Task, RxRenewalResponse, RxChangeResponse), in
            // 2023011; dispatch converts the answer back for a 2017071 pharmacy.
            m.details().put("xml", xml2023);
        }
        return m;
    }

    /** The stylesheet's refusal starts with the XPath of the element it could not carry. */
    static String leadingXPath(String refusal) {
        if (refusal != null && refusal.startsWith("/")) {
            int end = refusal.indexOf(' ');
            String path = end < 0 ? refusal : refusal.substring(0, end);
            return path.endsWith(":") ? path.substring(0, path.length() - 1) : path;
        }
        return "/Message/Body";
    }
}
