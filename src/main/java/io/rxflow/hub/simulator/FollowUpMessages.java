package io.rxflow.hub.simulator;

import io.rxflow.hub.script.ScriptXml;
import io.rxflow.hub.script.model.ApprovedType;
import io.rxflow.hub.script.model.BodyType;
import io.rxflow.hub.script.model.CancelRxDeniedType;
import io.rxflow.hub.script.model.CancelRxResponseChoiceType;
import io.rxflow.hub.script.model.CancelRxResponseType;
import io.rxflow.hub.script.model.CommunicationAddressType;
import io.rxflow.hub.script.model.DateType;
import io.rxflow.hub.script.model.FillNoteType;
import io.rxflow.hub.script.model.HeaderType;
import io.rxflow.hub.script.model.MedicationPrescribedType;
import io.rxflow.hub.script.model.Message;
import io.rxflow.hub.script.model.NewRxType;
import io.rxflow.hub.script.model.NotDispensedType;
import io.rxflow.hub.script.model.PharmacyType;
import io.rxflow.hub.script.model.RenewalDispensedMedicationType;
import io.rxflow.hub.script.model.RequestingPharmacyType;
import io.rxflow.hub.script.model.RxChangeRequestType;
import io.rxflow.hub.script.model.RxFillDispensedMedicationType;
import io.rxflow.hub.script.model.RxFillStatusType;
import io.rxflow.hub.script.model.RxFillType;
import io.rxflow.hub.script.model.RxRenewalRequestType;
import io.rxflow.hub.script.model.SenderSoftwareType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;

/**
 * The pharmacy's own messages after a NewRx or CancelRx, as a pharmacy system writes them: its
 * MessageID, RelatesToMessageID = the hub's message, its RxReferenceNumber, the PrescriberOrderNumber
 * echoed, and the parties and medication of the NewRx echoed back. Schema-valid or not produced.
 */
final class FollowUpMessages {
    private final ScriptXml xml;

    FollowUpMessages(ScriptXml xml) {
        this.xml = xml;
    }

    /** The follow-up to an accepted NewRx; null for {@link FollowUp#NONE} and {@link FollowUp#GARBAGE}. */
    String afterNewRx(
            Message newRx,
            FollowUp followUp,
            String messageId,
            String rxReference,
            SenderSoftwareType software,
            Instant now) {
        NewRxType order = newRx.getBody().getNewRx();
        var body = new BodyType();
        switch (followUp) {
            case FILL, TWICE -> body.setRxFill(fill(order, status(followUp)));
            case PARTIAL_FILL, NOT_DISPENSED, TRANSFER -> body.setRxFill(fill(order, status(followUp)));
            case RENEWAL -> {
                var renewal = new RxRenewalRequestType();
                renewal.setPatient(order.getPatient());
                renewal.setPharmacy(requesting(order.getPharmacy()));
                renewal.setPrescriber(order.getPrescriber());
                renewal.setMedicationDispensed(renewalDispensed(order.getMedicationPrescribed(), now));
                body.setRxRenewalRequest(renewal);
            }
            case CHANGE -> {
                var change = new RxChangeRequestType();
                change.setMessageRequestCode("G");
                change.setPatient(order.getPatient());
                change.setPharmacy(requesting(order.getPharmacy()));
                change.setPrescriber(order.getPrescriber());
                change.setMedicationPrescribed(order.getMedicationPrescribed());
                change.getMedicationRequested().add(order.getMedicationPrescribed());
                change.setChangeReasonText("Generic substitution requested by the patient");
                body.setRxChangeRequest(change);
            }
            default -> {
                return null;
            }
        }
        return xml.marshal(message(newRx, messageId, rxReference, software, now, body));
    }

    /** CancelRxResponse Approved, or Denied with reason AP (already picked up). */
    String cancelResponse(
            Message cancelRx,
            boolean approve,
            String messageId,
            String rxReference,
            SenderSoftwareType software,
            Instant now) {
        var choice = new CancelRxResponseChoiceType();
        if (approve) {
            var approved = new ApprovedType();
            approved.setNote("Cancelled before dispensing");
            choice.setApproved(approved);
        } else {
            var denied = new CancelRxDeniedType();
            denied.getReasonCode().add("AP");
            denied.setDenialReason("Already picked up by the patient");
            choice.setDenied(denied);
        }
        var response = new CancelRxResponseType();
        response.setResponse(choice);
        var body = new BodyType();
        body.setCancelRxResponse(response);
        return xml.marshal(message(cancelRx, messageId, rxReference, software, now, body));
    }

    private static RxFillType fill(NewRxType order, RxFillStatusType status) {
        var fill = new RxFillType();
        fill.setStatusType(status);
        fill.setPatient(order.getPatient());
        fill.setPharmacy(requesting(order.getPharmacy()));
        fill.setPrescriber(order.getPrescriber());
        fill.setMedicationDispensed(dispensed(order.getMedicationPrescribed()));
        return fill;
    }

    private static RxFillStatusType status(FollowUp followUp) {
        var status = new RxFillStatusType();
        var note = new FillNoteType();
        note.setNote("Simulated pharmacist");
        switch (followUp) {
            case PARTIAL_FILL -> status.setPartiallyDispensed(note);
            case TRANSFER -> status.setTransferred(note);
            case NOT_DISPENSED -> {
                var not = new NotDispensedType();
                not.setReasonCode("AE");
                status.setNotDispensed(not);
            }
            default -> status.setDispensed(note);
        }
        return status;
    }

    private static RxFillDispensedMedicationType dispensed(MedicationPrescribedType p) {
        var d = new RxFillDispensedMedicationType();
        d.setDrugDescription(p.getDrugDescription());
        d.setProduct(p.getProduct());
        d.setQuantity(p.getQuantity());
        d.setDaysSupply(p.getDaysSupply());
        d.setWrittenDate(p.getWrittenDate());
        d.setSubstitutions(p.getSubstitutions());
        d.setNumberOfRefills(p.getNumberOfRefills());
        d.setSig(p.getSig());
        return d;
    }

    /** A renewal names the last fill (today, in the simulation) and carries no refill count. */
    private static RenewalDispensedMedicationType renewalDispensed(MedicationPrescribedType p, Instant now) {
        var d = new RenewalDispensedMedicationType();
        d.setDrugDescription(p.getDrugDescription());
        d.setProduct(p.getProduct());
        d.setQuantity(p.getQuantity());
        d.setDaysSupply(p.getDaysSupply());
        d.setWrittenDate(p.getWrittenDate());
        var lastFill = new DateType();
        try {
            lastFill.setDate(DatatypeFactory.newInstance()
                    .newXMLGregorianCalendar(
                            now.atZone(java.time.ZoneOffset.UTC).toLocalDate().toString()));
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException("no javax.xml.datatype implementation", e);
        }
        d.setLastFillDate(lastFill);
        d.setSubstitutions(p.getSubstitutions());
        d.setSig(p.getSig());
        return d;
    }

    private static RequestingPharmacyType requesting(PharmacyType p) {
        var r = new RequestingPharmacyType();
        r.setIdentification(p.getIdentification());
        r.setSpecialty(p.getSpecialty());
        r.setBusinessName(p.getBusinessName());
        r.setAddress(p.getAddress());
        r.setCommunicationNumbers(p.getCommunicationNumbers());
        return r;
    }

    /** From the pharmacy (the received To) to the hub (the received From). */
    private static Message message(
            Message received,
            String messageId,
            String rxReference,
            SenderSoftwareType software,
            Instant now,
            BodyType body) {
        HeaderType got = received.getHeader();
        var h = new HeaderType();
        h.setTo(copy(got.getFrom()));
        h.setFrom(copy(got.getTo()));
        h.setMessageID(messageId);
        h.setRelatesToMessageID(got.getMessageID());
        h.setSentTime(utc(now));
        h.setSenderSoftware(software);
        h.setRxReferenceNumber(rxReference);
        h.setPrescriberOrderNumber(got.getPrescriberOrderNumber());
        var m = new Message();
        m.setDatatypesVersion(received.getDatatypesVersion());
        m.setTransportVersion(received.getTransportVersion());
        m.setTransactionDomain(received.getTransactionDomain());
        m.setTransactionVersion(received.getTransactionVersion());
        m.setStructuresVersion(received.getStructuresVersion());
        m.setECLVersion(received.getECLVersion());
        m.setHeader(h);
        m.setBody(body);
        return m;
    }

    private static CommunicationAddressType copy(CommunicationAddressType a) {
        var c = new CommunicationAddressType();
        c.setValue(a.getValue());
        c.setQualifier(a.getQualifier());
        return c;
    }

    private static javax.xml.datatype.XMLGregorianCalendar utc(Instant instant) {
        try {
            return DatatypeFactory.newInstance()
                    .newXMLGregorianCalendar(
                            instant.truncatedTo(ChronoUnit.SECONDS).toString());
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException("no javax.xml.datatype implementation", e);
        }
    }
}
