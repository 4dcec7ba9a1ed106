package io.rxflow.hub.conversation;

import java.util.Map;

/**
 * A pharmacy's message reduced to what correlation and the state machine need. {@code details} go
 * into the event payload (codes and the pharmacy's notes; never logged).
 */
public record InboundMessage(
        String transaction,
        Happening happening,
        String messageId,
        String from,
        String relatesToMessageId,
        String prescriberOrderNumber,
        String rxReferenceNumber,
        Map<String, Object> details) {}
