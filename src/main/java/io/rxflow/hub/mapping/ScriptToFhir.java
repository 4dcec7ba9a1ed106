package io.rxflow.hub.mapping;

import io.rxflow.hub.script.model.HeaderType;
import io.rxflow.hub.script.model.MedicationPrescribedType;
import io.rxflow.hub.script.model.Message;
import io.rxflow.hub.script.model.NewRxType;
import io.rxflow.hub.script.model.PatientType;
import io.rxflow.hub.script.model.PharmacyType;
import io.rxflow.hub.script.model.PrescriberType;
import io.rxflow.hub.support.PrescriptionResources;
import java.util.Objects;
import org.hl7.fhir.r5.model.Identifier;
import org.hl7.fhir.r5.model.Medication;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.MedicationRequest.MedicationRequestIntent;
import org.hl7.fhir.r5.model.MedicationRequest.MedicationrequestStatus;
import org.hl7.fhir.r5.model.Organization;
import org.hl7.fhir.r5.model.Patient;
import org.hl7.fhir.r5.model.Practitioner;
import org.hl7.fhir.r5.model.Reference;

/**
 * NCPDP SCRIPT 2023011 to FHIR R5, the reverse of {@link NewRxMapper}: a NewRx becomes an active order
 * (MedicationRequest) with its Patient, Practitioner, pharmacy Organization and Medication contained
 * under the ids {@code patient}, {@code practitioner}, {@code pharmacy} and {@code medication}. The
 * parts are public one by one ({@link #prescription}) so the pharmacy conversation can map the
 * MedicationPrescribed of an RxRenewalRequest or RxChangeRequest with the same code. Nothing is
 * refused here: the hub's validator judges the result, as it judges any FHIR submission. Plain Java.
 */
public final class ScriptToFhir {
    /** System of {@code Header/PrescriberOrderNumber} as a MedicationRequest identifier. */
    public static final String PRESCRIBER_ORDER_NUMBER = "https://rxflow.io/fhir/sid/script-prescriber-order-number";

    private final ScriptPartiesToFhir parties;

    /** {@code stateLicenseSystem}: the identifier system of state licence numbers (null: typed SL only). */
    public ScriptToFhir(String stateLicenseSystem) {
        this.parties = new ScriptPartiesToFhir(stateLicenseSystem);
    }

    /** The prescription of a NewRx message. */
    public PrescriptionResources newRx(Message message) {
        NewRxType newRx = Objects.requireNonNull(message.getBody().getNewRx(), "not a NewRx");
        return prescription(
                message.getHeader(),
                newRx.getPatient(),
                newRx.getPrescriber(),
                newRx.getPharmacy(),
                newRx.getMedicationPrescribed());
    }

    /**
     * The prescription the parts describe; {@code header} (for the PrescriberOrderNumber) and
     * {@code pharmacy} may be null, the others are required.
     */
    public PrescriptionResources prescription(
            HeaderType header,
            PatientType patient,
            PrescriberType prescriber,
            PharmacyType pharmacy,
            MedicationPrescribedType prescribed) {
        Patient p = parties.patient(Objects.requireNonNull(patient, "Patient").getHumanPatient());
        Practitioner practitioner = parties.practitioner(
                Objects.requireNonNull(prescriber, "Prescriber").getNonVeterinarian());
        Organization organization = pharmacy == null ? null : parties.pharmacy(pharmacy);
        Medication medication = ScriptDrugToFhir.medication(Objects.requireNonNull(prescribed, "MedicationPrescribed"));
        MedicationRequest mr = medicationRequest(prescribed);
        if (header != null && header.getPrescriberOrderNumber() != null) {
            mr.addIdentifier(
                    new Identifier().setSystem(PRESCRIBER_ORDER_NUMBER).setValue(header.getPrescriberOrderNumber()));
        }
        mr.setSubject(contain(mr, p, "patient"));
        mr.setRequester(contain(mr, practitioner, "practitioner"));
        if (organization != null) {
            mr.getDispenseRequest().setDispenser(contain(mr, organization, "pharmacy"));
        }
        mr.getMedication().setReference(contain(mr, medication, "medication"));
        return new PrescriptionResources(mr, p, practitioner, organization, medication);
    }

    /** The order-level elements of a MedicationPrescribed (quantity, dates, refills, Sig, ...), no parties. */
    public static MedicationRequest medicationRequest(MedicationPrescribedType prescribed) {
        var mr = new MedicationRequest();
        mr.setStatus(MedicationrequestStatus.ACTIVE);
        mr.setIntent(MedicationRequestIntent.ORDER);
        ScriptOrderToFhir.map(prescribed, mr);
        return mr;
    }

    private static Reference contain(MedicationRequest mr, org.hl7.fhir.r5.model.Resource part, String id) {
        part.setId(id);
        mr.addContained(part);
        return new Reference("#" + id);
    }
}
