package io.rxflow.hub.conversation;

import io.rxflow.hub.script.model.BodyType;
import io.rxflow.hub.script.model.HeaderType;
import io.rxflow.hub.script.model.Message;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

/**
 * The envelope of a message the hub sends a pharmacy after the NewRx (CancelRx, RxRenewalResponse,
 * RxChangeResponse): the NewRx's version attributes, To, From, SenderSoftware and
 * PrescriberOrderNumber, a new MessageID, the message it relates to and the pharmacy's
 * RxReferenceNumber when known.
 */
final class OutboundEnvelope {
    private OutboundEnvelope() {}

    static Message wrap(
            Message newRx, String messageId, String relatesTo, String rxReference, Instant now, BodyType body) {
        HeaderType sent = newRx.getHeader();
        var header = new HeaderType();
        header.setTo(sent.getTo());
        header.setFrom(sent.getFrom());
        header.setMessageID(messageId);
        header.setRelatesToMessageID(relatesTo);
        header.setSentTime(utc(now));
        header.setSenderSoftware(sent.getSenderSoftware());
        header.setRxReferenceNumber(rxReference);
        header.setPrescriberOrderNumber(sent.getPrescriberOrderNumber());
        var message = new Message();
        message.setDatatypesVersion(newRx.getDatatypesVersion());
        message.setTransportVersion(newRx.getTransportVersion());
        message.setTransactionDomain(newRx.getTransactionDomain());
        message.setTransactionVersion(newRx.getTransactionVersion());
        message.setStructuresVersion(newRx.getStructuresVersion());
        message.setECLVersion(newRx.getECLVersion());
        message.setHeader(header);
        message.setBody(body);
        return message;
    }

    /** An xsd:date of the UTC day of {@code instant}. */
    static XMLGregorianCalendar utcDate(Instant instant) {
        return calendar(instant.atZone(java.time.ZoneOffset.UTC).toLocalDate().toString());
    }

    static XMLGregorianCalendar utc(Instant instant) {
        return calendar(instant.truncatedTo(ChronoUnit.SECONDS).toString());
    }

    private static XMLGregorianCalendar calendar(String lexical) {
        try {
            return DatatypeFactory.newInstance().newXMLGregorianCalendar(lexical);
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException("no javax.xml.datatype implementation", e);
        }
    }
}
