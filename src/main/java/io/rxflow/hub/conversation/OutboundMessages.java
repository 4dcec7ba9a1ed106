package io.rxflow.hub.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.outbox.OutboxRows;
import io.rxflow.hub.pharmacies.Pharmacy;
import io.rxflow.hub.pharmacies.PharmacyDirectory;
import io.rxflow.hub.support.ConflictException;
import io.rxflow.hub.support.NotFoundException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * What every message the prescriber's side sends after the NewRx shares (CancelRx, RxRenewalResponse,
 * RxChangeResponse): the pharmacy must read SCRIPT 2023011 (the hub converts only NewRx to 2017071),
 * and, in the caller's transaction, the event with the message is appended and the outbox row written,
 * so it leaves exactly once through the NewRx's dispatch route and breaker.
 */
public final class OutboundMessages {
    static final String VERSION = "2023011";

    private final ConversationStore store;
    private final OutboxRows outbox;
    private final PharmacyDirectory directory;
    private final ObjectMapper json;
    private final Clock clock;

    public OutboundMessages(
            ConversationStore store, OutboxRows outbox, PharmacyDirectory directory, ObjectMapper json, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.directory = directory;
        this.json = json;
        this.clock = clock;
    }

    /** Refuses ({@code 409}) a {@code transaction} to a pharmacy that does not read SCRIPT 2023011. */
    void requireVersion(String pharmacy, String transaction) {
        String version = directory.find(pharmacy).map(Pharmacy::scriptVersion).orElse(VERSION);
        if (!VERSION.equals(version)) {
            throw new ConflictException(transaction + " to a SCRIPT " + version
                    + " pharmacy is not supported yet: the hub converts only NewRx to 2017071");
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
