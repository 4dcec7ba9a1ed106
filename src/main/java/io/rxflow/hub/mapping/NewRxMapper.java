package io.rxflow.hub.mapping;

import io.rxflow.hub.drugs.DrugResolver;
import io.rxflow.hub.drugs.DrugTable;
import io.rxflow.hub.script.ScriptSettings;
import io.rxflow.hub.script.model.BodyType;
import io.rxflow.hub.script.model.CommunicationAddressType;
import io.rxflow.hub.script.model.HeaderType;
import io.rxflow.hub.script.model.MedicationPrescribedType;
import io.rxflow.hub.script.model.Message;
import io.rxflow.hub.script.model.NewRxType;
import io.rxflow.hub.script.model.PharmacyType;
import io.rxflow.hub.script.model.ProductType;
import io.rxflow.hub.support.PrescriptionResources;
import io.rxflow.hub.support.ScriptText;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.MedicationRequest.MedicationRequestIntent;

/**
 * Maps one FHIR R5 prescription to an NCPDP SCRIPT 2023011 NewRx, or refuses it with every reason at
 * once (reference section 8). Thread-safe and stateless apart from its settings and drug table.
 */
public final class NewRxMapper {
    private static final Set<MedicationRequestIntent> SENDABLE_INTENTS =
            Set.of(MedicationRequestIntent.ORDER, MedicationRequestIntent.ORIGINALORDER);

    private final ScriptSettings settings;
    private final MedicationMapper medications;
    private final PrescriberMapper prescribers;

    /** Schedules from the drug table and the shipped controlled-substance table only. */
    public NewRxMapper(ScriptSettings settings, DrugTable drugs) {
        this(settings, drugs, DrugResolver.withStarter(drugs));
    }

    /** {@code resolver}: every schedule source the hub has loaded (io.rxflow.hub.drugs). */
    public NewRxMapper(ScriptSettings settings, DrugTable drugs, DrugResolver resolver) {
        this.settings = Objects.requireNonNull(settings);
        this.medications = new MedicationMapper(Objects.requireNonNull(drugs), Objects.requireNonNull(resolver));
        this.prescribers = new PrescriberMapper(settings.stateLicenseSystem());
    }

    /**
     * {@code messageId}: the hub's 32-hex MessageID for this message; {@code sentTime}: when it is sent
     * (emitted in UTC to the second).
     */
    public MappingResult map(PrescriptionResources resources, String messageId, Instant sentTime) {
        if (messageId == null || !ScriptText.isAscii(messageId) || messageId.isBlank() || messageId.length() > 35) {
            throw new IllegalArgumentException("MessageID must be 1 to 35 printable ASCII characters");
        }
        Objects.requireNonNull(sentTime, "sentTime");
        var r = new Refusals();
        MedicationRequest mr = resources.medicationRequest();
        checkSendable(mr, r);
        var newRx = new NewRxType();
        if (resources.patient() == null) {
            r.missing("MedicationRequest.subject", "The patient");
        } else {
            newRx.setPatient(PatientMapper.map(resources.patient(), r));
        }
        if (resources.pharmacy() == null) {
            r.missing("MedicationRequest.dispenseRequest.dispenser", "The pharmacy");
        } else {
            newRx.setPharmacy(PharmacyMapper.map(resources.pharmacy(), r));
        }
        MedicationPrescribedType medication = medicationPrescribed(resources, r);
        boolean controlled =
                medication != null && medication.getProduct().getDrugCoded().getDEASchedule() != null;
        if (resources.practitioner() == null) {
            r.missing("MedicationRequest.requester", "The prescriber (a Practitioner)");
        } else {
            newRx.setPrescriber(prescribers.map(resources.practitioner(), controlled, r));
        }
        newRx.setMedicationPrescribed(medication);
        String orderNumber = mr.hasIdentifier()
                ? r.text(mr.getIdentifierFirstRep().getValue(), "MedicationRequest.identifier[0].value", 35)
                : null;
        if (!r.isEmpty()) {
            return MappingResult.refused(r.list());
        }
        return MappingResult.mapped(message(header(newRx.getPharmacy(), orderNumber, messageId, sentTime), newRx));
    }

    /** Only an active order is a prescription a pharmacy may fill (reference section 8, status and intent). */
    private static void checkSendable(MedicationRequest mr, Refusals r) {
        if (mr.getIntent() == null || !SENDABLE_INTENTS.contains(mr.getIntent())) {
            r.add(
                    "MedicationRequest.intent",
                    "only an order (intent order or original-order) can be sent as a NewRx",
                    "intent-not-order");
        }
        if (mr.getStatus() != MedicationRequest.MedicationrequestStatus.ACTIVE) {
            r.add(
                    "MedicationRequest.status",
                    "only an active MedicationRequest can be sent as a NewRx",
                    "status-not-active");
        }
        if (mr.getDoNotPerform()) {
            r.add("MedicationRequest.doNotPerform", "a do-not-perform request is not a prescription", "do-not-perform");
        }
        if (mr.getReported()) {
            r.add("MedicationRequest.reported", "a reported (secondary) record is not a prescription", "reported");
        }
    }

    private MedicationPrescribedType medicationPrescribed(PrescriptionResources resources, Refusals r) {
        MedicationRequest mr = resources.medicationRequest();
        MedicationMapper.MappedDrug drug = medications.map(mr, resources.medication(), r);
        if (drug == null) {
            return null;
        }
        var mp = new MedicationPrescribedType();
        mp.setDrugDescription(drug.description());
        var product = new ProductType();
        product.setDrugCoded(drug.coded());
        mp.setProduct(product);
        OrderDetailsMapper.map(mr, drug.schedule(), mp, r);
        mp.getDiagnosis().addAll(DiagnosisMapper.map(mr, r));
        mp.setSig(SigMapper.map(mr, r, settings.structuredSig()));
        return mp;
    }

    private HeaderType header(PharmacyType pharmacy, String orderNumber, String messageId, Instant sentTime) {
        var h = new HeaderType();
        h.setTo(address(pharmacy.getIdentification().getNCPDPID(), "P"));
        h.setFrom(address(settings.senderId(), settings.senderQualifier()));
        h.setMessageID(messageId);
        h.setSentTime(ScriptDates.utc(sentTime));
        h.setSenderSoftware(settings.senderSoftware());
        h.setPrescriberOrderNumber(orderNumber);
        return h;
    }

    private Message message(HeaderType header, NewRxType newRx) {
        var m = new Message();
        settings.script2023011().applyTo(m);
        m.setHeader(header);
        var body = new BodyType();
        body.setNewRx(newRx);
        m.setBody(body);
        return m;
    }

    private static CommunicationAddressType address(String value, String qualifier) {
        var a = new CommunicationAddressType();
        a.setValue(value);
        a.setQualifier(qualifier);
        return a;
    }
}
