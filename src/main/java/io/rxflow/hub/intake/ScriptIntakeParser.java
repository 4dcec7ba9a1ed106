package io.rxflow.hub.intake;

import io.rxflow.hub.mapping.ScriptToFhir;
import io.rxflow.hub.pharmacies.PharmacyDirectory;
import io.rxflow.hub.script.SchemaFaults;
import io.rxflow.hub.script.ScriptConversionException;
import io.rxflow.hub.script.ScriptSchemas;
import io.rxflow.hub.script.ScriptUpgrade;
import io.rxflow.hub.script.ScriptXml;
import io.rxflow.hub.script.model.Message;
import io.rxflow.hub.script.model.PharmacyType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * Reads a SCRIPT NewRx posted to {@code POST /api/v1/prescriptions/intake}: UTF-8, no DOCTYPE, a
 * {@code Message} root without namespace holding a NewRx, valid against the hub's 2017071 or 2023011
 * schema (2017071 converted to 2023011 by {@code xslt/script-2017071-to-2023011.xsl}), addressed to a
 * pharmacy in the directory; then mapped to FHIR R5 ({@link ScriptToFhir}) for the one intake path.
 * Every refusal is a {@link ScriptRejectedException} naming the faulty element by XPath.
 */
@Component("scriptIntakeParser")
public class ScriptIntakeParser {
    static final String NEWRX = "/Message/Body/NewRx";

    private final ScriptSchemas schemas;
    private final ScriptUpgrade upgrade;
    private final ScriptXml xml;
    private final ScriptToFhir mapper;
    private final PharmacyDirectory directory;

    public ScriptIntakeParser(
            ScriptSchemas schemas,
            ScriptUpgrade upgrade,
            ScriptXml xml,
            ScriptToFhir mapper,
            PharmacyDirectory directory) {
        this.schemas = schemas;
        this.upgrade = upgrade;
        this.xml = xml;
        this.mapper = mapper;
        this.directory = directory;
    }

    public IntakeRequest parse(
            @Body byte[] body, @Header(Exchange.CONTENT_TYPE) String contentType, Exchange exchange) {
        requireXml(contentType);
        String text = utf8(body);
        try {
            XmlGuard.rejectDoctype(text);
            XmlGuard.scan(text, "/Message");
        } catch (InputRejectedException e) {
            throw ScriptRejectedException.rejected(400, "500", "/", e.rule());
        }
        ScriptEnvelope envelope = ScriptEnvelope.read(text);
        exchange.setProperty(ScriptAnswers.ENVELOPE, envelope);
        if (!"Message".equals(envelope.root())
                || (envelope.rootNamespace() != null
                        && !envelope.rootNamespace().isEmpty())) {
            throw ScriptRejectedException.rejected(400, "3000", "/" + envelope.root(), "script-root");
        }
        if (!"NewRx".equals(envelope.transaction())) {
            String at = envelope.transaction() == null ? "/Message/Body" : "/Message/Body/" + envelope.transaction();
            throw ScriptRejectedException.rejected(422, "4040", at, "script-transaction-unsupported");
        }
        String version = envelope.is2017071() ? "2017071" : "2023011";
        List<String> notes = List.of();
        String current = text;
        if (envelope.is2017071()) {
            refuseFault(schemas.fault2017071(text));
            try {
                ScriptUpgrade.Upgraded upgraded = upgrade.toScript2023011(text);
                current = upgraded.xml();
                notes = upgraded.notes();
            } catch (ScriptConversionException e) {
                throw ScriptRejectedException.rejected(422, "3000", leadingXPath(e.getMessage()), "script-conversion");
            }
        }
        refuseFault(schemas.fault2023011(current));
        Message message = xml.unmarshal(current);
        requireDirectoryPharmacy(message);
        var receipt = new ScriptReceipt(
                envelope.messageId(), envelope.from(), envelope.fromQualifier(), version, text, notes);
        return new IntakeRequest(
                IntakeRequest.Shape.SCRIPT,
                mapper.newRx(message),
                List.of(),
                java.util.Map.of(),
                IntakeRequest.R5,
                receipt);
    }

    /** The NewRx's pharmacy, which must be one the hub delivers to: a NewRx is never held. */
    private void requireDirectoryPharmacy(Message message) {
        PharmacyType pharmacy = message.getBody().getNewRx().getPharmacy();
        if (pharmacy == null) {
            throw ScriptRejectedException.rejected(422, "1000", NEWRX + "/Pharmacy", "pharmacy-missing");
        }
        String id = pharmacy.getIdentification().getNCPDPID();
        if (directory.find(id).isEmpty()) {
            throw ScriptRejectedException.rejected(
                    422, "1000", NEWRX + "/Pharmacy/Identification/NCPDPID", "pharmacy-not-in-directory");
        }
    }

    private static void refuseFault(Optional<SchemaFaults.Fault> fault) {
        fault.ifPresent(f -> {
            throw ScriptRejectedException.rejected(422, "3000", f.xpath(), "script-schema");
        });
    }

    /** The stylesheet's refusals start with the element's path. */
    static String leadingXPath(String message) {
        if (message != null && message.startsWith("/")) {
            int end = message.indexOf(' ');
            String path = end < 0 ? message : message.substring(0, end);
            return path.endsWith(":") ? path.substring(0, path.length() - 1) : path;
        }
        return NEWRX;
    }

    private static void requireXml(String contentType) {
        String base =
                contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!base.equals("application/xml") && !base.equals("text/xml")) {
            throw new ScriptRejectedException(415, "900", List.of("4040"), null, "unsupported-media-type");
        }
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body == null ? new byte[0] : body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ScriptRejectedException.rejected(400, "500", "/", "malformed-input");
        }
    }
}
