package io.rxflow.hub.conversation;

import io.rxflow.hub.conversation.PrescriberAnswer.Decision;
import io.rxflow.hub.conversation.PrescriberAnswer.Kind;
import io.rxflow.hub.script.ScriptXml;
import io.rxflow.hub.script.model.ApprovedType;
import io.rxflow.hub.script.model.BodyType;
import io.rxflow.hub.script.model.ChangeDeniedType;
import io.rxflow.hub.script.model.ChangeResponseChoiceType;
import io.rxflow.hub.script.model.DateType;
import io.rxflow.hub.script.model.MedicationPrescribedType;
import io.rxflow.hub.script.model.Message;
import io.rxflow.hub.script.model.NewRxType;
import io.rxflow.hub.script.model.QuantityType;
import io.rxflow.hub.script.model.RenewalDeniedType;
import io.rxflow.hub.script.model.RenewalResponseChoiceType;
import io.rxflow.hub.script.model.RxChangeRequestType;
import io.rxflow.hub.script.model.RxChangeResponseType;
import io.rxflow.hub.script.model.RxRenewalResponseType;
import io.rxflow.hub.script.model.SigType;
import io.rxflow.hub.support.BadRequestException;
import java.time.Instant;

/**
 * The RxRenewalResponse or RxChangeResponse for the prescriber's answer (reference section 4):
 * RelatesToMessageID = the pharmacy's request, its RxReferenceNumber echoed, the NewRx's parties, and
 * the order the pharmacy may fill: for a renewal the NewRx's MedicationPrescribed as
 * MedicationResponse (written today, with the answer's changes when it approves), for an approved
 * change the medication the pharmacy requested (or the prescribed one when it named none) with the
 * answer's changes. Marshalled with {@link ScriptXml}: schema-valid or not produced.
 */
public final class ResponseBuilder {
    private final ScriptXml xml;

    public ResponseBuilder(ScriptXml xml) {
        this.xml = xml;
    }

    /** The NewRx the request is about, parsed (its parties and envelope are the response's). */
    public Message newRx(String newRxXml) {
        return xml.unmarshal(newRxXml);
    }

    public String response(
            Message newRx,
            String requestXml,
            PrescriberAnswer answer,
            String messageId,
            String rxReference,
            Instant now) {
        Message request = xml.unmarshal(requestXml);
        NewRxType order = newRx.getBody().getNewRx();
        var body = new BodyType();
        if (answer.kind() == Kind.RENEWAL) {
            var r = new RxRenewalResponseType();
            r.setResponse(renewal(answer));
            r.setPatient(order.getPatient());
            r.setPharmacy(order.getPharmacy());
            r.setPrescriber(order.getPrescriber());
            r.setProhibitRenewalRequest(answer.prohibitRenewalRequest());
            MedicationPrescribedType prescribed = order.getMedicationPrescribed();
            r.setMedicationResponse(answer.decision().approves() ? changed(prescribed, answer, now) : prescribed);
            body.setRxRenewalResponse(r);
        } else {
            RxChangeRequestType asked = request.getBody().getRxChangeRequest();
            var c = new RxChangeResponseType();
            c.setMessageRequestCode(asked.getMessageRequestCode());
            c.getMessageRequestSubCode().addAll(asked.getMessageRequestSubCode());
            c.setResponse(change(answer));
            c.setPatient(order.getPatient());
            c.setPharmacy(order.getPharmacy());
            c.setPrescriber(order.getPrescriber());
            c.setProhibitRenewalRequest(answer.prohibitRenewalRequest());
            if (answer.decision().approves()) {
                c.setMedicationPrescribed(changed(requested(asked, answer.requested()), answer, now));
            }
            body.setRxChangeResponse(c);
        }
        String relatesTo = request.getHeader().getMessageID();
        return xml.marshal(OutboundEnvelope.wrap(newRx, messageId, relatesTo, rxReference, now, body));
    }

    private static RenewalResponseChoiceType renewal(PrescriberAnswer answer) {
        var choice = new RenewalResponseChoiceType();
        switch (answer.decision()) {
            case APPROVE -> choice.setApproved(approved(answer));
            case APPROVE_WITH_CHANGES -> choice.setApprovedWithChanges(approved(answer));
            case REPLACE -> choice.setReplace(approved(answer));
            case DENY -> {
                var denied = new RenewalDeniedType();
                denied.getReasonCode().add(answer.reasonCode());
                denied.setDenialReason(answer.reason());
                choice.setDenied(denied);
            }
        }
        return choice;
    }

    private static ChangeResponseChoiceType change(PrescriberAnswer answer) {
        var choice = new ChangeResponseChoiceType();
        if (answer.decision() == Decision.DENY) {
            var denied = new ChangeDeniedType();
            denied.getReasonCode().add(answer.reasonCode());
            denied.setDenialReason(answer.reason());
            choice.setDenied(denied);
        } else if (answer.decision() == Decision.APPROVE) {
            choice.setApproved(approved(answer));
        } else {
            choice.setApprovedWithChanges(approved(answer));
        }
        return choice;
    }

    private static ApprovedType approved(PrescriberAnswer answer) {
        var approved = new ApprovedType();
        approved.setNote(answer.note());
        return approved;
    }

    private static MedicationPrescribedType requested(RxChangeRequestType asked, int index) {
        var requested = asked.getMedicationRequested();
        if (requested.isEmpty() && index == 0) {
            return asked.getMedicationPrescribed();
        }
        if (index >= requested.size()) {
            throw new BadRequestException(
                    "requested names no MedicationRequested of the pharmacy's request (it has " + requested.size()
                            + ")",
                    "requested");
        }
        return requested.get(index);
    }

    /** A new order: written today, the answer's changes applied; a changed Sig is its text only. */
    private static MedicationPrescribedType changed(MedicationPrescribedType from, PrescriberAnswer a, Instant now) {
        var m = new MedicationPrescribedType();
        m.setDrugDescription(from.getDrugDescription());
        m.setProduct(from.getProduct());
        m.setQuantity(from.getQuantity());
        m.setDaysSupply(from.getDaysSupply());
        var written = new DateType();
        written.setDate(OutboundEnvelope.utcDate(now));
        m.setWrittenDate(written);
        m.setSubstitutions(from.getSubstitutions());
        m.setNumberOfRefills(from.getNumberOfRefills());
        m.getDiagnosis().addAll(from.getDiagnosis());
        m.setPriorAuthorizationNumber(from.getPriorAuthorizationNumber());
        m.setNote(from.getNote());
        m.setSig(from.getSig());
        m.getOtherMedicationDates().addAll(from.getOtherMedicationDates());
        if (a.numberOfRefills() != null) {
            m.setNumberOfRefills(Integer.toString(a.numberOfRefills()));
        }
        if (a.daysSupply() != null) {
            m.setDaysSupply(Integer.toString(a.daysSupply()));
        }
        if (a.quantity() != null) {
            var q = new QuantityType();
            q.setValue(a.quantity());
            q.setCodeListQualifier(from.getQuantity().getCodeListQualifier());
            q.setQuantityUnitOfMeasure(from.getQuantity().getQuantityUnitOfMeasure());
            m.setQuantity(q);
        }
        if (a.sig() != null) {
            var sig = new SigType();
            sig.setSigText(a.sig());
            m.setSig(sig);
        }
        return m;
    }
}
