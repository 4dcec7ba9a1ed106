package io.rxflow.hub.responses;

import io.rxflow.hub.script.ScriptSettings;
import io.rxflow.hub.script.ScriptVersion;
import io.rxflow.hub.script.ScriptXml;
import io.rxflow.hub.script.model.BodyType;
import io.rxflow.hub.script.model.CommunicationAddressType;
import io.rxflow.hub.script.model.ErrorType;
import io.rxflow.hub.script.model.HeaderType;
import io.rxflow.hub.script.model.Message;
import io.rxflow.hub.script.model.StatusType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

/**
 * Builds SCRIPT Status and Error answers to a received message: To and From swapped from the request,
 * RelatesToMessageID = the request's MessageID, SenderSoftware of whoever answers ({@code settings}),
 * SentTime in UTC, and the envelope version of the request (2017071 answered in 2017071). Marshalled
 * with {@link ScriptXml}, so every answer is valid against the hub's schema or is not produced.
 */
public final class ScriptAnswers {
    /** Header/To when the request could not be read: nobody to address, so a mutually defined placeholder. */
    public static final String UNKNOWN_RECIPIENT = "UNKNOWN";

    private static final String UNKNOWN_QUALIFIER = "ZZZ";
    private static final DatatypeFactory DATES = datatypeFactory();

    private final ScriptXml xml;

    public ScriptAnswers(ScriptXml xml) {
        this.xml = Objects.requireNonNull(xml);
    }

    /** A Status answering {@code request} with {@code code} ({@code 000} accepted, {@code 010} by the ultimate receiver). */
    public String status(Message request, String code, ScriptSettings settings, String messageId, Instant now) {
        Objects.requireNonNull(request, "a Status always answers a request");
        var status = new StatusType();
        status.setCode(code);
        var body = new BodyType();
        body.setStatus(status);
        return xml.marshal(message(request, request.getHeader().getMessageID(), settings, messageId, now, body));
    }

    /**
     * An Error answering {@code request}, or an unreadable message when {@code request} is null.
     * {@code relatesTo} is the MessageID answered (null: the request's, when there is one). For
     * description codes 500, 1000, 2000 and 3000 the {@code description} must be the XPath of the
     * offending element (reference section 4); it is optional otherwise and must never quote content.
     */
    public String error(
            Message request,
            String relatesTo,
            String code,
            String descriptionCode,
            String description,
            ScriptSettings settings,
            String messageId,
            Instant now) {
        var error = new ErrorType();
        error.setCode(code);
        if (descriptionCode != null) {
            error.getDescriptionCode().add(descriptionCode);
        }
        error.setDescription(description);
        var body = new BodyType();
        body.setError(error);
        String answered = relatesTo != null || request == null || request.getHeader() == null
                ? relatesTo
                : request.getHeader().getMessageID();
        return xml.marshal(message(request, answered, settings, messageId, now, body));
    }

    private static Message message(
            Message request, String relatesTo, ScriptSettings settings, String messageId, Instant now, BodyType body) {
        var header = new HeaderType();
        HeaderType asked = request == null ? null : request.getHeader();
        if (asked != null && asked.getFrom() != null && asked.getTo() != null) {
            header.setTo(copy(asked.getFrom()));
            header.setFrom(copy(asked.getTo()));
        } else {
            header.setTo(address(UNKNOWN_RECIPIENT, UNKNOWN_QUALIFIER));
            header.setFrom(address(settings.senderId(), settings.senderQualifier()));
        }
        header.setMessageID(messageId);
        header.setRelatesToMessageID(relatesTo);
        header.setSentTime(utc(now));
        header.setSenderSoftware(settings.senderSoftware());
        var m = new Message();
        envelope(m, request, settings);
        m.setHeader(header);
        m.setBody(body);
        return m;
    }

    /** The request's version, so a 2017071 partner gets its answer in 2017071; 2023011 otherwise. */
    private static void envelope(Message m, Message request, ScriptSettings settings) {
        ScriptVersion version = request == null
                ? ScriptVersion.V2023011
                : ScriptVersion.of(request.getTransactionVersion(), settings).orElse(ScriptVersion.V2023011);
        version.attributes(settings).applyTo(m);
    }

    private static CommunicationAddressType copy(CommunicationAddressType from) {
        return address(from.getValue(), from.getQualifier());
    }

    private static CommunicationAddressType address(String value, String qualifier) {
        var a = new CommunicationAddressType();
        a.setValue(value);
        a.setQualifier(qualifier);
        return a;
    }

    /** UTC with a Z, to the second, as SCRIPT wants SentTime. */
    private static XMLGregorianCalendar utc(Instant instant) {
        return DATES.newXMLGregorianCalendar(
                instant.truncatedTo(ChronoUnit.SECONDS).toString());
    }

    private static DatatypeFactory datatypeFactory() {
        try {
            return DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException("no javax.xml.datatype implementation", e);
        }
    }
}
