package io.rxflow.hub.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rxflow.hub.support.HttpReplies;
import io.rxflow.hub.support.NotFoundException;
import io.rxflow.hub.support.ReadTypes;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** JSON views of the read model and the event stream for {@code GET /api/v1/prescriptions/...}. */
@Component("prescriptionViews")
public class PrescriptionViews {
    private final ObjectMapper json;

    public PrescriptionViews(ObjectMapper json) {
        this.json = json;
    }

    /** Refuses ids that cannot name a prescription (404, not a database error). */
    public void requireId(@Header("id") String id) {
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFoundException("No prescription with that id");
        }
    }

    /** The row of {@code prescription-find.sql}, or 404 when the query found none. */
    public Map<String, Object> requireRow(@Body Map<String, Object> row) {
        if (row == null || row.isEmpty()) {
            throw new NotFoundException("No prescription with that id");
        }
        return row;
    }

    public void summary(@Body Map<String, Object> row, Exchange exchange) throws JsonProcessingException {
        ObjectNode body = json.createObjectNode();
        body.put("id", row.get("id").toString());
        body.put("status", (String) row.get("status"));
        body.put("is_controlled", (Boolean) row.get("is_controlled"));
        body.put("pharmacy_ncpdp_id", (String) row.get("pharmacy_ncpdp_id"));
        body.put("version", ((Number) row.get("version")).intValue());
        body.put("created_at", ReadTypes.offsetDateTime(row.get("created_at")).toString());
        body.put("updated_at", ReadTypes.offsetDateTime(row.get("updated_at")).toString());
        HttpReplies.reply(exchange.getMessage(), 200, "application/json", json.writeValueAsString(body), null);
    }

    /** The rows of {@code event-list.sql}; an empty stream means an unknown prescription. */
    public void events(@Body List<Map<String, Object>> rows, @Header("id") String id, Exchange exchange)
            throws JsonProcessingException {
        if (rows == null || rows.isEmpty()) {
            throw new NotFoundException("No prescription with that id");
        }
        ObjectNode body = json.createObjectNode();
        body.put("prescription_id", id);
        ArrayNode events = body.putArray("events");
        for (Map<String, Object> row : rows) {
            ObjectNode e = events.addObject();
            e.put("version", ((Number) row.get("version")).intValue());
            e.put("type", (String) row.get("event_type"));
            e.put(
                    "occurred_at",
                    ReadTypes.offsetDateTime(row.get("occurred_at")).toString());
            e.put("actor", (String) row.get("actor"));
            e.put("correlation_id", (String) row.get("correlation_id"));
            JsonNode payload = json.readTree((String) row.get("payload"));
            e.set("payload", payload);
        }
        HttpReplies.reply(exchange.getMessage(), 200, "application/json", json.writeValueAsString(body), null);
    }
}
