package io.rxflow.hub.routing;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rxflow.hub.eventstore.Event;
import io.rxflow.hub.eventstore.EventTypes;
import io.rxflow.hub.eventstore.PrescriptionStatus;
import io.rxflow.hub.intake.InputRejectedException;
import io.rxflow.hub.intake.IntakeParser;
import io.rxflow.hub.intake.IntakeRequest;
import io.rxflow.hub.intake.NewRxPreparation;
import io.rxflow.hub.intake.validation.ValidationFailedException;
import io.rxflow.hub.outbox.OutboxRows;
import io.rxflow.hub.pharmacies.Pharmacy;
import io.rxflow.hub.pharmacies.PharmacyDirectory;
import io.rxflow.hub.support.ConflictException;
import io.rxflow.hub.support.HttpReplies;
import io.rxflow.hub.support.NotFoundException;
import io.rxflow.hub.support.PrescriptionResources;
import io.rxflow.hub.support.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * Routing or re-routing a prescription that is not on its way: to its own pharmacy once the directory
 * knows it, or to another one. It is mapped again (a new NewRx with a new MessageID, addressed to the
 * target) and goes out through the outbox like every other message.
 */
@Component("routing")
public class Routing {
    private static final String TARGET = "rxRouteTarget";
    private static final String ROW = "rxRouteRow";

    private final IntakeParser parser;
    private final PharmacyDirectory directory;
    private final OutboxRows outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final FhirContext fhir;

    public Routing(
            IntakeParser parser,
            PharmacyDirectory directory,
            OutboxRows outbox,
            ObjectMapper json,
            Clock clock,
            FhirContext fhir) {
        this.fhir = fhir;
        this.parser = parser;
        this.directory = directory;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    /** The prescription's own resources, addressed to the target pharmacy, ready to map again. */
    public IntakeRequest request(@Body Map<String, Object> row, @Header("rxRouteBody") String body, Exchange exchange)
            throws Exception {
        if (row == null || row.get("id") == null) {
            throw new NotFoundException("No prescription with that id");
        }
        String status = (String) row.get("status");
        if (!PrescriptionStatus.ROUTABLE.contains(status)) {
            throw new ConflictException(
                    "A prescription in status '" + status + "' is already on its way or" + " delivered; only "
                            + PrescriptionStatus.ROUTABLE + " can be routed (cancel it first to send it elsewhere)");
        }
        String current = (String) row.get("pharmacy_ncpdp_id");
        String target = target(body, current);
        if (target.isEmpty()) {
            throw new ValidationFailedException(List.of(new Violation(
                    "pharmacy_ncpdp_id",
                    "is required: the prescription names no pharmacy (it is held until routed to one of"
                            + " GET /api/v1/pharmacies)",
                    "pharmacy-missing")));
        }
        Pharmacy pharmacy = directory
                .find(target)
                .orElseThrow(() -> new ValidationFailedException(List.of(new Violation(
                        "pharmacy_ncpdp_id",
                        "is not in the pharmacy directory (GET /api/v1/pharmacies)",
                        "pharmacy-unknown"))));
        String resources = withPharmacy((String) row.get("resources"), pharmacy);
        PrescriptionResources r = parser.fromEnvelope(resources.getBytes(StandardCharsets.UTF_8), "application/json")
                .resources();
        if (!target.equals(current)) {
            r = new PrescriptionResources(
                    r.medicationRequest(),
                    r.patient(),
                    r.practitioner(),
                    DirectoryOrganization.of(pharmacy),
                    r.medication());
        }
        exchange.setProperty(TARGET, target);
        exchange.setProperty(ROW, row);
        return new IntakeRequest(IntakeRequest.Shape.ENVELOPE, r, List.of());
    }

    /** Two events (PrescriptionRouted, NewRxPrepared), the read model's move and the outbox row. */
    public RoutingCommand command(
            @Body NewRxPreparation.PreparedNewRx newRx,
            @ExchangeProperty(TARGET) String target,
            @ExchangeProperty(ROW) Map<String, Object> row,
            @Header("X-RxFlow-Actor") String actor,
            @Header(HttpReplies.CORRELATION_ID) String correlationId)
            throws Exception {
        String id = row.get("id").toString();
        int version = ((Number) row.get("version")).intValue();
        OffsetDateTime now =
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        String routed = json.writeValueAsString(Map.of(
                "from_pharmacy_ncpdp_id", row.get("pharmacy_ncpdp_id"),
                "to_pharmacy_ncpdp_id", target,
                "previous_status", row.get("status")));
        return new RoutingCommand(
                id,
                version,
                target,
                newRx.messageId(),
                now,
                actor,
                correlationId,
                List.of(
                        new Event(version + 1, EventTypes.PRESCRIPTION_ROUTED, routed),
                        new Event(version + 2, EventTypes.NEWRX_PREPARED, newRx.eventPayload())),
                outbox.newRx(
                        id,
                        target,
                        newRx.messageId(),
                        NewRxPreparation.PreparedNewRx.SCRIPT_VERSION,
                        newRx.xml(),
                        now,
                        correlationId));
    }

    /** {@code 202}: accepted for delivery; the outcome follows on the event stream. */
    public void answer(@ExchangeProperty("rxRouting") RoutingCommand command, Exchange exchange) throws Exception {
        String body = json.writeValueAsString(Map.of(
                "id", command.prescriptionId(),
                "status", PrescriptionStatus.PREPARED,
                "pharmacy_ncpdp_id", command.pharmacyNcpdpId(),
                "message_id", command.newRxMessageId()));
        HttpReplies.reply(
                exchange.getMessage(),
                202,
                "application/json",
                body,
                HttpReplies.PRESCRIPTIONS_PATH + command.prescriptionId());
    }

    /** The resources as stored; a held prescription's (no pharmacy member) with the target pharmacy added. */
    private String withPharmacy(String resources, Pharmacy pharmacy) throws Exception {
        JsonNode stored = json.readTree(resources);
        if (stored.has("pharmacy") || !(stored instanceof ObjectNode members)) {
            return resources;
        }
        String organization = fhir.newJsonParser().encodeResourceToString(DirectoryOrganization.of(pharmacy));
        members.set("pharmacy", json.readTree(organization));
        return json.writeValueAsString(members);
    }

    private String target(String body, String current) throws Exception {
        if (body == null || body.isBlank()) {
            return current;
        }
        JsonNode node = json.readTree(body).get("pharmacy_ncpdp_id");
        if (node == null || node.isNull()) {
            return current;
        }
        if (!node.isTextual()) {
            throw InputRejectedException.malformed("pharmacy_ncpdp_id must be a string", "pharmacy_ncpdp_id");
        }
        return node.asText();
    }
}
