package io.rxflow.hub.conversation;

import io.rxflow.hub.eventstore.EventTypes;
import io.rxflow.hub.support.ConflictException;
import io.rxflow.hub.support.NotFoundException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The prescriber cancels: in one transaction the state machine allows it, the CancelRx is built from
 * the NewRx, {@code CancelRxPrepared} is appended (status {@code cancel_requested}) and the outbox row
 * is written, so the CancelRx leaves exactly once through the NewRx's dispatch route and breaker. The
 * pharmacy's CancelRxResponse settles it ({@code /ncpdp/inbound}).
 */
public final class CancelRequests {
    /** What the API answers: the CancelRx's MessageID. */
    public record Requested(String prescriptionId, String status, String messageId) {}

    private final ConversationStore store;
    private final TransactionTemplate tx;
    private final CancelRxBuilder builder;
    private final OutboundMessages out;
    private final Clock clock;

    public CancelRequests(
            ConversationStore store,
            TransactionTemplate tx,
            CancelRxBuilder builder,
            OutboundMessages out,
            Clock clock) {
        this.store = store;
        this.tx = tx;
        this.builder = builder;
        this.out = out;
        this.clock = clock;
    }

    /**
     * Cancels {@code prescriptionId} with an optional ReasonForCancellation code.
     *
     * @throws NotFoundException no such prescription
     * @throws ConflictException its status does not allow a cancel, or its pharmacy's SCRIPT 2017071 cannot carry the CancelRx
     */
    public Requested cancel(String prescriptionId, String reason, String actor, String correlationId) {
        UUID id = OutboundMessages.prescriptionId(prescriptionId);
        if (reason != null && !CancelRxBuilder.REASONS.contains(reason)) {
            throw new ConflictException("reason must be a ReasonForCancellation code: " + CancelRxBuilder.REASONS);
        }
        return tx.execute(status -> {
            var p = store.find(id).orElseThrow(() -> new NotFoundException("No prescription with that id"));
            String next = ConversationState.next(p.status(), Happening.CANCEL_REQUESTED)
                    .orElseThrow(() -> new ConflictException(
                            "A prescription in status " + p.status() + " cannot be cancelled (docs/conversation.md)"));
            String newRx = store.newRx(id).orElseThrow(() -> new ConflictException("The prescription has no NewRx"));
            String messageId = OutboundMessages.newMessageId();
            boolean dispensed = p.status().equals(ConversationState.DISPENSED)
                    || p.status().equals(ConversationState.PARTIALLY_DISPENSED);
            String xml = builder.cancelRx(newRx, messageId, p.rxReference(), reason, dispensed, clock.instant());
            out.requireConvertible(p.pharmacy(), "CancelRx", xml);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("message_id", messageId);
            payload.put("reason", reason);
            payload.put("change_of_prescription_status", dispensed ? "D" : "C");
            payload.put("status_before", p.status());
            payload.put("status", next);
            payload.put("xml", xml);
            out.send(
                    id,
                    next,
                    EventTypes.CANCEL_RX_PREPARED,
                    actor,
                    correlationId,
                    payload,
                    "CancelRx",
                    p.pharmacy(),
                    messageId,
                    xml);
            return new Requested(id.toString(), next, messageId);
        });
    }
}
