package io.rxflow.hub.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import io.rxflow.hub.conversation.PrescriberAnswer.Kind;
import io.rxflow.hub.mapping.ScriptToFhir;
import io.rxflow.hub.script.ScriptXml;
import io.rxflow.hub.script.model.MedicationPrescribedType;
import io.rxflow.hub.script.model.Message;
import io.rxflow.hub.script.model.PatientType;
import io.rxflow.hub.script.model.PrescriberType;
import io.rxflow.hub.script.model.RenewalDispensedMedicationType;
import io.rxflow.hub.support.NcpdpId;
import io.rxflow.hub.support.PrescriptionResources;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r5.model.Annotation;
import org.hl7.fhir.r5.model.CodeableConcept;
import org.hl7.fhir.r5.model.CodeableReference;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.Identifier;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.MedicationRequest.MedicationRequestIntent;
import org.hl7.fhir.r5.model.MedicationRequest.MedicationrequestStatus;
import org.hl7.fhir.r5.model.Reference;
import org.hl7.fhir.r5.model.StringType;
import org.hl7.fhir.r5.model.Task;

/**
 * A {@link PharmacyTask} as a FHIR R5 Task (docs/conversation.md): intent order, code renewal or
 * change, focus the MedicationRequest, {@code for} the patient the pharmacy named (contained), the
 * pharmacy as requester, the medication it dispensed (renewal) or requests (change) as inputs
 * (contained MedicationRequests, intent proposal), the answer as businessStatus, statusReason and output.
 */
final class TaskResources {
    static final String CODES = "https://rxflow.io/fhir/CodeSystem/pharmacy-request";
    static final String MESSAGE_ID = "https://rxflow.io/fhir/sid/script-message-id";
    static final String DENIAL_REASONS = "https://rxflow.io/fhir/CodeSystem/script-denial-reason";
    static final String MESSAGE_REQUEST_CODES = "https://rxflow.io/fhir/CodeSystem/script-message-request-code";

    private final ScriptXml xml;
    private final ScriptToFhir toFhir;

    TaskResources(ScriptXml xml, ScriptToFhir toFhir) {
        this.xml = xml;
        this.toFhir = toFhir;
    }

    Task task(PharmacyTask t) {
        var task = new Task();
        task.setId(t.id());
        task.setStatus(t.status());
        task.setIntent(Task.TaskIntent.ORDER);
        boolean renewal = t.kind() == Kind.RENEWAL;
        task.setCode(concept(CODES, renewal ? "renewal" : "change", t.kind().request()));
        task.setFocus(new Reference("MedicationRequest/" + t.prescription()));
        JsonNode request = t.requestPayload();
        task.addIdentifier(new Identifier()
                .setSystem(MESSAGE_ID)
                .setValue(request.path("message_id").asText()));
        task.setAuthoredOn(Date.from(t.request().at().toInstant()));
        task.setLastModified(Date.from(t.last().at().toInstant()));
        String actor = t.request().actor();
        if (actor != null && actor.startsWith("pharmacy-")) {
            task.setRequester(new Reference()
                    .setIdentifier(new Identifier().setSystem(NcpdpId.SYSTEM).setValue(actor.substring(9))));
        }
        if (request.hasNonNull("message_request_code")) {
            String code = request.get("message_request_code").asText();
            task.addReason(new CodeableReference(concept(MESSAGE_REQUEST_CODES, code, null)));
        }
        if (request.hasNonNull("change_reason")) {
            task.addNote(new Annotation().setText(request.get("change_reason").asText()));
        }
        if (request.hasNonNull("xml")) {
            parties(task, xml.unmarshal(request.get("xml").asText()), renewal);
        }
        answer(task, t);
        return task;
    }

    private static void answer(Task task, PharmacyTask t) {
        JsonNode a = t.answerPayload();
        if (a == null) {
            if (task.getStatus() == Task.TaskStatus.CANCELLED) {
                task.setStatusReason(new CodeableReference(
                        new CodeableConcept().setText("The prescription moved on before the prescriber answered")));
            }
            return;
        }
        task.setBusinessStatus(new CodeableConcept().setText(a.path("decision").asText()));
        if (a.hasNonNull("reason_code")) {
            var reason = concept(DENIAL_REASONS, a.get("reason_code").asText(), null);
            if (a.hasNonNull("denial_reason")) {
                reason.setText(a.get("denial_reason").asText());
            }
            task.setStatusReason(new CodeableReference(reason));
        }
        task.addOutput()
                .setType(concept(CODES, "response-message-id", t.kind().response() + " MessageID"))
                .setValue(new StringType(a.path("message_id").asText()));
    }

    /** The patient and the medications the pharmacy's message names, contained. */
    private void parties(Task task, Message message, boolean renewal) {
        var body = message.getBody();
        List<MedicationPrescribedType> inputs = new ArrayList<>();
        PatientType patient;
        PrescriberType prescriber;
        if (renewal) {
            var r = body.getRxRenewalRequest();
            patient = r.getPatient();
            prescriber = r.getPrescriber();
            inputs.add(prescribed(r.getMedicationDispensed()));
        } else {
            var c = body.getRxChangeRequest();
            patient = c.getPatient();
            prescriber = c.getPrescriber();
            inputs.addAll(
                    c.getMedicationRequested().isEmpty()
                            ? List.of(c.getMedicationPrescribed())
                            : c.getMedicationRequested());
        }
        var inputType = renewal
                ? concept(CODES, "dispensed-medication", "MedicationDispensed")
                : concept(CODES, "requested-medication", "MedicationRequested");
        for (int i = 0; i < inputs.size(); i++) {
            PrescriptionResources mapped = toFhir.prescription(null, patient, prescriber, null, inputs.get(i));
            if (i == 0) {
                mapped.patient().setId("patient");
                task.addContained(mapped.patient());
                task.setFor(new Reference("#patient"));
            }
            MedicationRequest proposal = mapped.medicationRequest();
            proposal.getContained().clear();
            proposal.setId("request-" + i);
            proposal.setStatus(MedicationrequestStatus.DRAFT);
            proposal.setIntent(MedicationRequestIntent.PROPOSAL);
            proposal.setSubject(new Reference("#patient"));
            proposal.setRequester(null);
            mapped.medication().setId("medication-" + i);
            proposal.getMedication().setReference(new Reference("#medication-" + i));
            task.addContained(mapped.medication());
            task.addContained(proposal);
            task.addInput().setType(inputType.copy()).setValue(new Reference("#request-" + i));
        }
    }

    /** What a renewal request says was dispensed, in the shape the reverse mapper reads. */
    private static MedicationPrescribedType prescribed(RenewalDispensedMedicationType d) {
        var m = new MedicationPrescribedType();
        m.setDrugDescription(d.getDrugDescription());
        m.setProduct(d.getProduct());
        m.setQuantity(d.getQuantity());
        m.setDaysSupply(d.getDaysSupply());
        m.setWrittenDate(d.getWrittenDate());
        m.setSubstitutions(d.getSubstitutions());
        m.getDiagnosis().addAll(d.getDiagnosis());
        m.setNote(d.getNote());
        m.setSig(d.getSig());
        return m;
    }

    private static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept().addCoding(new Coding(system, code, display));
    }
}
