package io.rxflow.hub.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.conversation.ConversationStore.Locked;
import io.rxflow.hub.conversation.ConversationStore.Recorded;
import io.rxflow.hub.outbox.EhrPushRows;
import io.rxflow.hub.pharmacies.Pharmacy;
import io.rxflow.hub.script.model.Message;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One authenticated pharmacy's message, start to end: a MessageID answered before gets the same answer;
 * otherwise read, correlate, apply through {@link ConversationState} and record, all in one
 * transaction, so a refused or failed message leaves nothing half-way. docs/conversation.md.
 */
public final class InboundConversation {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(InboundConversation.class);

    private final InboundReader reader;
    private final ConversationStore store;
    private final TransactionTemplate tx;
    private final InboundAnswers answers;
    private final ObjectMapper json;
    private final EhrChanges ehr;

    public InboundConversation(
            InboundReader reader,
            ConversationStore store,
            TransactionTemplate tx,
            InboundAnswers answers,
            ObjectMapper json,
            EhrPushRows ehrPushes) {
        this.reader = reader;
        this.store = store;
        this.tx = tx;
        this.answers = answers;
        this.json = json;
        this.ehr = new EhrChanges(ehrPushes);
    }

    /**
     * The answer to one message. A failure of the hub itself (database down, a defect) rolls the
     * transaction back and answers Error 602, receiver system error: the pharmacy sends it again later.
     */
    public InboundAnswer receive(String body, Pharmacy pharmacy, String correlationId) {
        try {
            return handle(body, pharmacy, correlationId);
        } catch (RuntimeException e) {
            // Type only: the exception may quote the message. The rollback left nothing half-way.
            log.error(
                    "Pharmacy {} message not processed ({}); answered Error 602",
                    pharmacy.ncpdpId(),
                    e.getClass().getName());
            return InboundAnswer.script(answers.error(null, new InboundRefusal("602", null, null)));
        }
    }

    private InboundAnswer handle(String body, Pharmacy pharmacy, String correlationId) {
        Message message;
        try {
            message = reader.parse(body);
        } catch (InboundRefusal r) {
            return InboundAnswer.script(answers.error(null, r));
        }
        String messageId = message.getHeader() == null
                ? null
                : blankToNull(message.getHeader().getMessageID());
        if (messageId == null) {
            return InboundAnswer.script(
                    answers.error(message, InboundRefusal.rejected("1000", "/Message/Header/MessageID")));
        }
        Optional<String> given = store.answerGiven(pharmacy.ncpdpId(), messageId);
        if (given.isPresent()) {
            return InboundAnswer.script(given.get());
        }
        InboundMessage m;
        try {
            m = reader.read(body, message, pharmacy);
        } catch (InboundRefusal r) {
            return recordRefusal(pharmacy, messageId, null, message, r, null);
        }
        if (m.from() == null || !m.from().strip().equals(pharmacy.ncpdpId())) {
            return recordRefusal(
                    pharmacy,
                    messageId,
                    m.transaction(),
                    message,
                    InboundRefusal.rejected("1000", "/Message/Header/From"),
                    null);
        }
        InboundAnswer answer = tx.execute(status -> {
            InboundAnswer a = apply(pharmacy, message, m, correlationId);
            if (a == null) {
                status.setRollbackOnly();
            }
            return a;
        });
        // Null: the same MessageID was recorded by a concurrent delivery first; answer as it was answered.
        return answer != null
                ? answer
                : InboundAnswer.script(
                        store.answerGiven(pharmacy.ncpdpId(), messageId).orElseThrow());
    }

    private InboundAnswer apply(Pharmacy pharmacy, Message message, InboundMessage m, String correlationId) {
        Correlation found = Correlation.of(store.correlate(pharmacy.ncpdpId(), m), m);
        if (found.refusal() != null) {
            if (found.uncorrelated()) {
                String xml = answers.error(message, found.refusal());
                if (!record(pharmacy, m, null, "parked", found.refusal(), xml)) {
                    return null;
                }
                return InboundAnswer.parked(
                        xml, "uncorrelated: " + found.refusal().description());
            }
            return recordRefusal(pharmacy, m.messageId(), m.transaction(), message, found.refusal(), null);
        }
        Locked p = store.lock(found.prescriptionId());
        if (!pharmacy.ncpdpId().equals(p.pharmacy())) {
            // Never say whose it is: the pharmacy learns only that it may not speak about it.
            return recordRefusal(
                    pharmacy,
                    m.messageId(),
                    m.transaction(),
                    message,
                    InboundRefusal.rejected("1000", "/Message/Header/RelatesToMessageID"),
                    null);
        }
        Optional<String> next = ConversationState.next(p.status(), m.happening());
        Map<String, Object> payload = new LinkedHashMap<>(m.details());
        payload.put("message_id", m.messageId());
        payload.put("relates_to_message_id", m.relatesToMessageId());
        payload.put("rx_reference_number", m.rxReferenceNumber());
        payload.put("status_before", p.status());
        String actor = "pharmacy-" + pharmacy.ncpdpId();
        if (next.isEmpty()) {
            payload.put("happening", m.happening().name());
            var refusal = InboundRefusal.rejected("2000", "/Message/Body/" + m.transaction());
            String xml = answers.error(message, refusal);
            store.append(
                    p.id(),
                    p.status(),
                    null,
                    io.rxflow.hub.eventstore.EventTypes.TRANSITION_REFUSED,
                    actor,
                    correlationId,
                    write(payload));
            return record(pharmacy, m, p.id(), "refused", refusal, xml) ? InboundAnswer.script(xml) : null;
        }
        payload.put("status", next.get());
        String eventType = InboundEvents.type(m.transaction());
        int version = store.append(
                p.id(), next.get(), m.rxReferenceNumber(), eventType, actor, correlationId, write(payload));
        ehr.received(p.id(), eventType, version, p.status(), next.get());
        String xml = answers.status(message);
        return record(pharmacy, m, p.id(), "accepted", null, xml) ? InboundAnswer.script(xml) : null;
    }

    private InboundAnswer recordRefusal(
            Pharmacy pharmacy, String messageId, String transaction, Message message, InboundRefusal r, UUID id) {
        String xml = answers.error(message, r);
        boolean first = store.record(new Recorded(
                pharmacy.ncpdpId(),
                messageId,
                transaction,
                id,
                "refused",
                r.code(),
                r.descriptionCode(),
                r.description(),
                xml));
        return InboundAnswer.script(
                first ? xml : store.answerGiven(pharmacy.ncpdpId(), messageId).orElse(xml));
    }

    private boolean record(Pharmacy pharmacy, InboundMessage m, UUID id, String outcome, InboundRefusal r, String xml) {
        return store.record(new Recorded(
                pharmacy.ncpdpId(),
                m.messageId(),
                m.transaction(),
                id,
                outcome,
                r == null ? null : r.code(),
                r == null ? null : r.descriptionCode(),
                r == null ? null : r.description(),
                xml));
    }

    private String write(Map<String, Object> payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event payload not writable", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
