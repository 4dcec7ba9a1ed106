package io.rxflow.hub.conversation;

import io.rxflow.hub.script.model.Message;
import java.util.Optional;
import org.apache.camel.Body;

/**
 * Tells a follow-up on {@code ncpdp.inbound} (RxFill, CancelRxResponse, RxRenewalRequest,
 * RxChangeRequest, ...) from a Status, Error or Verify answering a NewRx, which keeps its own route
 * ({@code rx-pharmacy-replies}). Hardened parse; an unreadable message is not a follow-up (the replies
 * route parks it as before).
 */
public final class InboundFollowUps {
    private final InboundReader reader;

    public InboundFollowUps(InboundReader reader) {
        this.reader = reader;
    }

    public boolean isFollowUp(@Body String body) {
        return sender(body).isPresent();
    }

    /** The follow-up's Header/From, or empty when it is not a follow-up. */
    public Optional<String> sender(String body) {
        try {
            Message m = reader.parse(body);
            if (m.getHeader() == null || m.getBody() == null || m.getHeader().getFrom() == null) {
                return Optional.empty();
            }
            var b = m.getBody();
            boolean reply = b.getStatus() != null || b.getError() != null || b.getVerify() != null;
            String from = m.getHeader().getFrom().getValue();
            return reply || from == null || from.isBlank() ? Optional.empty() : Optional.of(from.strip());
        } catch (InboundRefusal unreadable) {
            return Optional.empty();
        }
    }
}
