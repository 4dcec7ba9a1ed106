package io.rxflow.hub.intake;

import java.util.List;

/**
 * A SCRIPT NewRx as the hub received it: the sender's MessageID (the idempotency key, scoped to the
 * API key), the sender's Header/From, the version it was written in, the text exactly as received and
 * what a 2017071 to 2023011 conversion dropped (element paths only).
 */
public record ScriptReceipt(
        String messageId, String from, String fromQualifier, String version, String text, List<String> notes) {
    public ScriptReceipt {
        notes = List.copyOf(notes);
    }

    /** The idempotency key: a sender's MessageID is unique per sender, so it is scoped to the API key. */
    public String idempotencyKey(String actor) {
        return "script:" + actor + ":" + messageId;
    }
}
