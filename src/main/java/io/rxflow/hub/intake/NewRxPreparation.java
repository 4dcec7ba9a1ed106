package io.rxflow.hub.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.intake.validation.ValidationFailedException;
import io.rxflow.hub.mapping.MappingResult;
import io.rxflow.hub.mapping.NewRxMapper;
import io.rxflow.hub.script.model.Message;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Maps a validated submission to its NewRx before anything is stored, so a prescription SCRIPT cannot
 * carry is refused to the EHR at once (422) instead of failing later on its way to the pharmacy.
 */
@Component("newRxPreparation")
public class NewRxPreparation {
    /** Exchange property holding the NewRx's MessageID while the route marshals it. */
    public static final String MESSAGE_ID = "rxMessageId";

    private final NewRxMapper mapper;
    private final Clock clock;
    private final ObjectMapper json;

    public NewRxPreparation(NewRxMapper mapper, Clock clock, ObjectMapper json) {
        this.json = json;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The NewRx as JAXB, for the route's camel-jaxb marshal step; refusals become a 422. */
    public Message map(@Body IntakeRequest request, Exchange exchange) {
        String messageId = UUID.randomUUID().toString().replace("-", "");
        MappingResult result =
                mapper.map(request.resources(), messageId, Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
        if (!result.isMapped()) {
            throw new ValidationFailedException(result.violations());
        }
        exchange.setProperty(MESSAGE_ID, messageId);
        return result.message();
    }

    /** The marshalled, schema-valid NewRx with its MessageID and its NewRxPrepared event payload. */
    public PreparedNewRx prepared(@Body String xml, @ExchangeProperty(MESSAGE_ID) String messageId) {
        try {
            String payload = "{\"script_version\":\"" + PreparedNewRx.SCRIPT_VERSION + "\",\"message_id\":\""
                    + messageId + "\",\"xml\":" + json.writeValueAsString(xml) + "}";
            return new PreparedNewRx(messageId, xml, payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A string always serialises", e);
        }
    }

    /** A NewRx ready to store: SCRIPT 2023011 XML, its MessageID and the NewRxPrepared event payload. */
    public record PreparedNewRx(String messageId, String xml, String eventPayload) {
        public static final String SCRIPT_VERSION = "2023011";
    }
}
