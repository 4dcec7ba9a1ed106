package io.rxflow.hub.script;

import java.util.ArrayList;
import java.util.List;
import net.sf.saxon.s9api.Message;

/**
 * The {@code xsl:message} output of the transformation running on this thread. The hub's stylesheets
 * refuse with a terminating message (its text says what cannot be carried) and note what they drop
 * or recode with non-terminating ones (element paths, never values). A transformation is synchronous
 * on its caller's thread, so {@link #begin()} before it and {@link #refusal()} / {@link #notes()}
 * after it see exactly its messages.
 */
public final class XsltMessages {
    private static final ThreadLocal<XsltMessages> CURRENT = ThreadLocal.withInitial(XsltMessages::new);

    private final List<String> notes = new ArrayList<>();
    private final List<String> refusal = new ArrayList<>();

    private XsltMessages() {}

    /** Forgets the messages of the thread's previous transformation. */
    public static void begin() {
        XsltMessages m = CURRENT.get();
        m.notes.clear();
        m.refusal.clear();
    }

    static void record(Message message) {
        XsltMessages m = CURRENT.get();
        (message.isTerminate() ? m.refusal : m.notes).add(message.getStringValue());
    }

    /** The non-terminating messages of the thread's last transformation. */
    public static List<String> notes() {
        return List.copyOf(CURRENT.get().notes);
    }

    /** The terminating message's text, or empty when the transformation was not refused by the stylesheet. */
    public static String refusal() {
        return String.join("; ", CURRENT.get().refusal);
    }
}
