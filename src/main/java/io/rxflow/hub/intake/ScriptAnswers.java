package io.rxflow.hub.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.rxflow.hub.script.ScriptSettings;
import io.rxflow.hub.script.ScriptXml;
import io.rxflow.hub.script.model.BodyType;
import io.rxflow.hub.script.model.CommunicationAddressType;
import io.rxflow.hub.script.model.ErrorType;
import io.rxflow.hub.script.model.HeaderType;
import io.rxflow.hub.script.model.Message;
import io.rxflow.hub.script.model.StatusType;
import io.rxflow.hub.support.HttpReplies;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.xml.datatype.DatatypeFactory;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The SCRIPT answers of {@code POST /api/v1/prescriptions/intake}: Status 000 once the prescription is
 * committed, the same Status again for a resend of the MessageID (its MessageID and SentTime derive from
 * the stored prescription, so the bytes are the first answer's), and an Error for every refusal, with
 * the rejection audit rows (rule and XPath, never content).
 */
@Component("scriptAnswers")
public class ScriptAnswers {
    /** Exchange property: the {@link ScriptEnvelope} read from the request. */
    static final String ENVELOPE = "rxScriptEnvelope";

    private static final Logger log = LoggerFactory.getLogger(ScriptAnswers.class);
    private static final String XML = "application/xml";
    private static final Set<String> QUALIFIERS =
            Set.of("P", "D", "C", "M", "CF", "PY", "DIRECT", "REMS", "ZZZ", "HIE", "LTPAC");

    private final ScriptXml xml;
    private final ScriptSettings settings;
    private final IdempotencyKeys keys;
    private final MeterRegistry meters;
    private final Clock clock;

    public ScriptAnswers(
            ScriptXml xml, ScriptSettings settings, IdempotencyKeys keys, MeterRegistry meters, Clock clock) {
        this.xml = xml;
        this.settings = settings;
        this.keys = keys;
        this.meters = meters;
        this.clock = clock;
    }

    /** A resend of a MessageID must carry the prescription the MessageID was first used for. */
    public void requireSameContent(
            @Body Object stored,
            @ExchangeProperty("rxRequest") IntakeRequest request,
            @Header("X-RxFlow-Actor") String actor) {
        // SelectOne of a single column is the value itself.
        Object first = stored instanceof Map<?, ?> row ? row.get("content_key") : stored;
        if (first == null || !first.equals(keys.keyFor(request.resources(), null, actor))) {
            throw new ScriptRejectedException(
                    409, "900", List.of("220"), "/Message/Header/MessageID", "message-id-reused");
        }
    }

    /** Status 000 relating to the sender's MessageID; HTTP 201 when stored now, 200 for a resend. */
    public void status(@Body IntakeResult result, Exchange exchange) {
        var status = new StatusType();
        status.setCode("000");
        status.setDescription("Accepted as prescription " + result.id());
        var body = new BodyType();
        body.setStatus(status);
        String messageId = result.id().replace("-", "");
        Instant sent = result.createdAt().toInstant().truncatedTo(ChronoUnit.SECONDS);
        String answer = xml.marshal(message(exchange, messageId, sent, body));
        HttpReplies.reply(
                exchange.getMessage(),
                result.created() ? 201 : 200,
                XML,
                answer,
                HttpReplies.PRESCRIPTIONS_PATH + result.id());
    }

    /** The Error answering the exception the exchange failed with. */
    public void error(Exchange exchange) {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        ScriptRejectedException e = ScriptErrors.of(caught);
        String correlationId = exchange.getMessage().getHeader(HttpReplies.CORRELATION_ID, String.class);
        if (e.httpStatus() >= 500) {
            // The type only: messages may quote content, and logs never hold PHI.
            log.warn("SCRIPT intake {} answered Error {}: {}", correlationId, e.code(), types(caught));
        }
        var error = new ErrorType();
        error.setCode(e.code());
        error.getDescriptionCode().addAll(e.descriptionCodes());
        error.setDescription(
                e.xpath() != null ? e.xpath() : "Quote correlation id " + correlationId + " (" + e.rule() + ")");
        var body = new BodyType();
        body.setError(error);
        String messageId = UUID.randomUUID().toString().replace("-", "");
        String answer =
                xml.marshal(message(exchange, messageId, clock.instant().truncatedTo(ChronoUnit.SECONDS), body));
        HttpReplies.reply(exchange.getMessage(), e.httpStatus(), XML, answer, null);
        if (e.httpStatus() == 503) {
            exchange.getMessage().setHeader("Retry-After", IntakeBusyException.RETRY_AFTER_SECONDS);
        }
    }

    /** The audit row of a refused message (rule and XPath only), for {@code rejection-record.sql}. */
    public List<Map<String, Object>> rejectionRows(Exchange exchange) {
        ScriptRejectedException e = ScriptErrors.of(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        if (e.httpStatus() >= 500) {
            return List.of();
        }
        meters.counter("rxflow.intake.rejections", "rule", e.rule()).increment();
        var m = exchange.getMessage();
        Map<String, Object> row = new HashMap<>();
        row.put("rejectedAt", OffsetDateTime.now(clock));
        row.put("actor", m.getHeader("X-RxFlow-Actor", "unknown", String.class));
        row.put("correlationId", m.getHeader(HttpReplies.CORRELATION_ID, "", String.class));
        row.put("httpStatus", e.httpStatus());
        row.put("rule", e.rule());
        row.put("expression", e.xpath());
        return List.of(row);
    }

    /** Addressed back to the sender's Header/From (else its API key id), relating to its MessageID. */
    private Message message(Exchange exchange, String messageId, Instant sent, BodyType body) {
        ScriptEnvelope envelope = exchange.getProperty(ENVELOPE, ScriptEnvelope.class);
        String actor = exchange.getMessage().getHeader("X-RxFlow-Actor", "unknown", String.class);
        var h = new HeaderType();
        boolean knownSender = envelope != null && plain(envelope.from(), 255);
        h.setTo(address(
                knownSender ? envelope.from() : actor,
                knownSender && QUALIFIERS.contains(envelope.fromQualifier()) ? envelope.fromQualifier() : null));
        h.setFrom(address(settings.senderId(), settings.senderQualifier()));
        h.setMessageID(messageId);
        if (envelope != null
                && plain(envelope.messageId(), 35)
                && !envelope.messageId().contains(" ")) {
            h.setRelatesToMessageID(envelope.messageId());
        }
        h.setSentTime(DatatypeFactory.newDefaultInstance().newXMLGregorianCalendar(sent.toString()));
        h.setSenderSoftware(settings.senderSoftware());
        var m = new Message();
        settings.script2023011().applyTo(m);
        m.setHeader(h);
        m.setBody(body);
        return m;
    }

    /** The exception's type and its causes' types, without messages (they may quote content). */
    private static String types(Throwable e) {
        var out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            out.append(out.isEmpty() ? "" : " <- ").append(t.getClass().getName());
            if (t.getStackTrace().length > 0) {
                out.append(" at ").append(t.getStackTrace()[0]);
            }
        }
        return out.isEmpty() ? "unknown" : out.toString();
    }

    /** Printable ASCII with at least one non-space, as SCRIPT's "an" type has it. */
    private static boolean plain(String value, int max) {
        return value != null && value.length() <= max && value.matches("[ -~]*[!-~][ -~]*");
    }

    private static CommunicationAddressType address(String value, String qualifier) {
        var a = new CommunicationAddressType();
        a.setValue(value);
        a.setQualifier(qualifier);
        return a;
    }
}
