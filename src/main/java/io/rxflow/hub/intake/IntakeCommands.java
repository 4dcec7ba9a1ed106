package io.rxflow.hub.intake;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.drugs.DrugResolver;
import io.rxflow.hub.eventstore.Event;
import io.rxflow.hub.eventstore.EventTypes;
import io.rxflow.hub.eventstore.PrescriptionIds;
import io.rxflow.hub.eventstore.PrescriptionStatus;
import io.rxflow.hub.intake.validation.DrugLookup;
import io.rxflow.hub.outbox.OutboxRows;
import io.rxflow.hub.pharmacies.PharmacyDirectory;
import io.rxflow.hub.support.NcpdpId;
import io.rxflow.hub.support.PrescriptionResources;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r5.model.Identifier;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.springframework.stereotype.Component;

/** Turns a validated submission into the intake command: ids, idempotency key, events and read model. */
@Component("intakeCommands")
public class IntakeCommands {
    private final IdempotencyKeys keys;
    private final DrugResolver drugs;
    private final Clock clock;
    private final ThreadLocal<IParser> writer;
    private final PharmacyDirectory directory;
    private final OutboxRows outbox;
    private final ObjectMapper json;

    public IntakeCommands(
            IdempotencyKeys keys,
            DrugResolver drugs,
            Clock clock,
            FhirContext fhir,
            PharmacyDirectory directory,
            OutboxRows outbox,
            ObjectMapper json) {
        this.json = json;
        this.directory = directory;
        this.outbox = outbox;
        this.keys = keys;
        this.drugs = drugs;
        this.clock = clock;
        this.writer = ThreadLocal.withInitial(fhir::newJsonParser);
    }

    public IntakeCommand prepare(
            @ExchangeProperty("rxRequest") IntakeRequest request,
            @ExchangeProperty("rxNewRx") NewRxPreparation.PreparedNewRx newRx,
            @Header("X-RxFlow-Actor") String actor,
            @Header("rxCorrelationId") String correlationId,
            @Header("Idempotency-Key") String clientKey) {
        PrescriptionResources r = request.resources();
        String id = PrescriptionIds.next(clock).toString();
        Optional<String> schedule = DrugLookup.deaSchedule(drugs, r);
        boolean controlled = schedule.isPresent();
        String ncpdpId = pharmacyNcpdpId(r);
        ScriptReceipt script = request.script();
        String key = script != null ? script.idempotencyKey(actor) : keys.keyFor(r, clientKey, actor);
        OffsetDateTime now =
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        // An R4 submission is recorded as converted to R5, with the version the sender wrote.
        String received = "{\"shape\":\"" + request.shape().name().toLowerCase() + "\","
                + (request.r4() ? "\"fhir_version\":\"" + request.fhirVersion() + "\"," : "")
                + (script != null ? scriptMembers(script, keys.keyFor(r, null, actor)) : "")
                + "\"resources\":{"
                + member(request, "medication_request", r.medicationRequest()) + ","
                + member(request, "patient", r.patient()) + ","
                + member(request, "practitioner", r.practitioner())
                + (r.pharmacy() == null ? "" : "," + member(request, "pharmacy", r.pharmacy()))
                + (r.medication() == null ? "" : "," + member(request, "medication", r.medication())) + "}}";
        String validated = "{\"is_controlled\":" + controlled + ",\"dea_schedule\":"
                + schedule.map(d -> "\"" + d + "\"").orElse("null")
                + ",\"pharmacy_ncpdp_id\":\"" + ncpdpId + "\",\"idempotency_key\":\"" + jsonSafe(key) + "\"}";
        boolean routed = newRx != null && directory.find(ncpdpId).isPresent();
        List<Event> events = new ArrayList<>(List.of(
                new Event(1, EventTypes.PRESCRIPTION_RECEIVED, received),
                new Event(2, EventTypes.PRESCRIPTION_VALIDATED, validated)));
        // A held order (no pharmacy named) gets its NewRx when it is routed.
        if (newRx != null) {
            events.add(new Event(3, EventTypes.NEWRX_PREPARED, newRx.eventPayload()));
        }
        if (!routed) {
            String reason = request.held() ? "no pharmacy in the prescription" : "pharmacy not in the directory";
            events.add(new Event(
                    events.size() + 1,
                    EventTypes.ROUTING_FAILED,
                    "{\"pharmacy_ncpdp_id\":\"" + ncpdpId + "\",\"reason\":\"" + reason + "\"}"));
        }
        String stored = request.receivedJson().isEmpty()
                ? writer.get().encodeResourceToString(versioned(ContainedForm.of(r, id), events.size()))
                : ContainedForm.json(json, request.receivedJson(), id, events.size());
        return new IntakeCommand(
                id,
                key,
                controlled,
                ncpdpId,
                now,
                actor,
                correlationId,
                stored,
                routed ? PrescriptionStatus.PREPARED : PrescriptionStatus.ROUTING_FAILED,
                newRx == null ? null : newRx.messageId(),
                List.copyOf(events),
                routed
                        ? outbox.newRx(
                                id,
                                ncpdpId,
                                newRx.messageId(),
                                NewRxPreparation.PreparedNewRx.SCRIPT_VERSION,
                                newRx.xml(),
                                now,
                                correlationId)
                        : null);
    }

    /**
     * The SCRIPT message as received, and the content key (HMAC of the clinical content) that tells a
     * resend of the same MessageID from a different prescription under a reused one.
     */
    private String scriptMembers(ScriptReceipt script, String contentKey) {
        try {
            var members = new java.util.LinkedHashMap<String, Object>();
            members.put("version", script.version());
            members.put("message_id", script.messageId());
            members.put("from", script.from());
            members.put("from_qualifier", script.fromQualifier());
            members.put("conversion_notes", script.notes());
            members.put("text", script.text());
            return "\"script\":" + json.writeValueAsString(members) + ",\"content_key\":\"" + jsonSafe(contentKey)
                    + "\",";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("strings always serialise", e);
        }
    }

    private static MedicationRequest versioned(MedicationRequest mr, int version) {
        mr.getMeta().setVersionId(Integer.toString(version));
        return mr;
    }

    /** The member as received when the request kept it (the JSON envelope), else encoded by HAPI. */
    private String member(IntakeRequest request, String name, IBaseResource resource) {
        String json = request.receivedJson().get(name);
        return "\"" + name + "\":" + (json != null ? json : writer.get().encodeResourceToString(resource));
    }

    static String pharmacyNcpdpId(PrescriptionResources r) {
        if (r.pharmacy() == null) {
            return "";
        }
        return r.pharmacy().getIdentifier().stream()
                .filter(i -> NcpdpId.SYSTEM.equals(i.getSystem()))
                .map(Identifier::getValue)
                .findFirst()
                .orElse("");
    }

    private static String jsonSafe(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
