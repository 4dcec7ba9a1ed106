package io.rxflow.hub.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.outbox.OutboxRows;
import io.rxflow.hub.pharmacies.Pharmacy;
import io.rxflow.hub.pharmacies.PharmacyDirectory;
import io.rxflow.hub.script.ScriptConversionException;
import io.rxflow.hub.script.ScriptValidationException;
import io.rxflow.hub.script.ScriptVersionConverter;
import io.rxflow.hub.support.ConflictException;
import io.rxflow.hub.support.NotFoundException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * What every message the prescriber's side sends after the NewRx shares (CancelRx, RxRenewalResponse,
 * RxChangeResponse): built and stored in SCRIPT 2023011 like the NewRx (dispatch converts it for a
 * 2017071 pharmacy), refused at once when a 2017071 pharmacy's version cannot carry it, and, in the
 * caller's transaction, the event with the message is appended and the outbox row written, so it
 * leaves exactly once through the NewRx's dispatch route and breaker.
 */
public final class OutboundMessages {
    static final String VERSION = "2023011";

    private final ConversationStore store;
    private final OutboxRows outbox;
    private final PharmacyDirectory directory;
    private final ObjectMapper json;
    private final Clock clock;
    private final ScriptVersionConverter to2017071;

    public OutboundMessages(
            ConversationStore store,
            OutboxRows outbox,
            PharmacyDirectory directory,
            ObjectMapper json,
            Clock clock,
            ScriptVersionConverter to2017071) {
        this.store = store;
        this.outbox = outbox;
        this.directory = directory;
        this.json = json;
        this.clock = clock;
        this.to2017071 = to2017071;
    }

    /**
     * Refuses ({@code 409}) a {@code transaction} a 2017071 pharmacy's version cannot carry (for example
     * an RxRenewalResponse with ProhibitRenewalRequest true), with the stylesheet's reason, before
     * anything is stored: dispatch runs the same conversion and would refuse it there, later.
     */
    void requireConvertible(String pharmacy, String transaction, String xml2023011) {
        String version = directory.find(pharmacy).map(Pharmacy::scriptVersion).orElse(VERSION);
        if (!"2017071".equals(version)) {
            return;
        }
        try {
            to2017071.toScript2017071(xml2023011);
        } catch (ScriptConversionException | ScriptValidationException e) {
            // Element paths only: the stylesheet's refusals and the schema's position name no values.
            throw new ConflictException(transaction + " cannot be sent to this SCRIPT 2017071 pharmacy: "
                    + (e instanceof ScriptConversionException
                            ? e.getMessage()
                            : "not valid against the 2017071 schema"));
        }
    }

    /** A new SCRIPT MessageID: 32 hex digits (an1..35). */
    static String newMessageId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** Appends {@code eventType} (status {@code status}) and writes the outbox row of {@code xml}. */
    void send(
            UUID id,
            String status,
            String eventType,
            String actor,
            String correlationId,
            Map<String, Object> payload,
            String messageType,
            String pharmacy,
            String messageId,
            String xml) {
        store.append(id, status, null, eventType, actor, correlationId, write(payload));
        store.outbox(outbox.message(
                messageType,
                id.toString(),
                pharmacy,
                messageId,
                VERSION,
                xml,
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC),
                correlationId));
    }

    String write(Map<String, Object> payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event payload not writable", e);
        }
    }

    /** The prescription id of a path, or not found. */
    static UUID prescriptionId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFoundException("No prescription with that id");
        }
    }
}
