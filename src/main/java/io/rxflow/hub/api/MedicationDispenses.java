package io.rxflow.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.eventstore.EventTypes;
import io.rxflow.hub.intake.FhirFormat;
import io.rxflow.hub.intake.FhirWriters;
import io.rxflow.hub.support.HttpReplies;
import io.rxflow.hub.support.NcpdpId;
import io.rxflow.hub.support.NotFoundException;
import io.rxflow.hub.support.ReadTypes;
import java.io.IOException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.hl7.fhir.r5.model.Annotation;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Identifier;
import org.hl7.fhir.r5.model.MedicationDispense;
import org.hl7.fhir.r5.model.MedicationDispense.MedicationDispenseStatusCodes;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.Reference;
import org.hl7.fhir.r5.model.Resource;
import org.springframework.stereotype.Component;

/**
 * {@code GET /fhir/r5/MedicationDispense?prescription={id}}: each RxFill the pharmacy sent, as a
 * MedicationDispense of the prescription (docs/conversation.md). Subject and medication are the
 * MedicationRequest's own, its contained resources copied along.
 */
@Component("medicationDispenses")
public class MedicationDispenses {
    /** Exchange property: the prescription's MedicationRequest as stored. */
    public static final String REQUEST = "rxMedicationRequest";

    private final StoredResources stored;
    private final FhirWriters writers;
    private final ObjectMapper json;

    public MedicationDispenses(StoredResources stored, FhirWriters writers, ObjectMapper json) {
        this.stored = stored;
        this.writers = writers;
        this.json = json;
    }

    /** Keeps the {@code prescription-find.sql} row's MedicationRequest for {@link #search}. */
    public void request(@Body Map<String, Object> row, Exchange exchange) {
        if (row == null || row.isEmpty()) {
            throw new NotFoundException("No prescription with that id");
        }
        exchange.setProperty(REQUEST, stored.medicationRequest(row));
    }

    /** The rows of {@code event-list.sql} as a searchset Bundle of MedicationDispense. */
    public void search(
            @Body List<Map<String, Object>> events, @ExchangeProperty(REQUEST) MedicationRequest mr, Exchange exchange)
            throws IOException {
        String id = exchange.getMessage().getHeader("id", String.class);
        var bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        for (Map<String, Object> e : events) {
            if (EventTypes.RX_FILL_RECEIVED.equals(e.get("event_type"))) {
                var md = dispense(id, mr, e);
                bundle.addEntry()
                        .setFullUrl("MedicationDispense/" + md.getIdPart())
                        .setResource(md);
            }
        }
        bundle.setTotal(bundle.getEntry().size());
        FhirFormat format = IntakeResponses.requestedFormat(exchange);
        HttpReplies.reply(
                exchange.getMessage(),
                200,
                format.mediaType(),
                writers.of(format).encodeResourceToString(bundle),
                null);
    }

    /**
     * One RxFill event (a row as {@code event-list.sql} reads it) of prescription {@code id} as its
     * MedicationDispense, id {@code <prescription id>-<event version>}.
     */
    public MedicationDispense dispense(String id, MedicationRequest mr, Map<String, Object> e) throws IOException {
        JsonNode payload = json.readTree((String) e.get("payload"));
        var md = new MedicationDispense();
        md.setId(id + "-" + ((Number) e.get("version")).intValue());
        for (Resource contained : mr.getContained()) {
            md.addContained(contained.copy());
        }
        md.setSubject(mr.getSubject().copy());
        md.setMedication(mr.getMedication().copy());
        md.addAuthorizingPrescription(new Reference("MedicationRequest/" + id));
        String fill = payload.path("fill_status").asText();
        md.setStatus(
                switch (fill) {
                    case "Dispensed" -> MedicationDispenseStatusCodes.COMPLETED;
                    case "PartiallyDispensed" -> MedicationDispenseStatusCodes.INPROGRESS;
                    case "NotDispensed" -> MedicationDispenseStatusCodes.DECLINED;
                    default -> MedicationDispenseStatusCodes.CANCELLED;
                });
        if (fill.equals("Dispensed") || fill.equals("PartiallyDispensed")) {
            md.setWhenHandedOver(
                    Date.from(ReadTypes.offsetDateTime(e.get("occurred_at")).toInstant()));
        }
        if (payload.hasNonNull("note")) {
            md.addNote(new Annotation().setText(payload.get("note").asText()));
        }
        String actor = (String) e.get("actor");
        if (actor != null && actor.startsWith("pharmacy-")) {
            md.addPerformer()
                    .setActor(new Reference()
                            .setIdentifier(new Identifier()
                                    .setSystem(NcpdpId.SYSTEM)
                                    .setValue(actor.substring("pharmacy-".length()))));
        }
        return md;
    }
}
