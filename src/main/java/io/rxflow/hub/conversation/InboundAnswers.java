package io.rxflow.hub.conversation;

import io.rxflow.hub.responses.ScriptAnswers;
import io.rxflow.hub.script.ScriptSettings;
import io.rxflow.hub.script.ScriptValidationException;
import io.rxflow.hub.script.model.Message;
import java.time.Clock;
import java.util.UUID;

/** The hub's SCRIPT Status 000 and Error answers to pharmacy messages, each with a new MessageID. */
public final class InboundAnswers {
    private final ScriptAnswers answers;
    private final ScriptSettings settings;
    private final Clock clock;

    public InboundAnswers(ScriptAnswers answers, ScriptSettings settings, Clock clock) {
        this.answers = answers;
        this.settings = settings;
        this.clock = clock;
    }

    /** Status 000: accepted, the hub takes responsibility. */
    String status(Message request) {
        return answers.status(request, "000", settings, messageId(), clock.instant());
    }

    /** The Error for {@code refusal}; {@code request} null when the message could not be read. */
    String error(Message request, InboundRefusal refusal) {
        Message answered = request != null && request.getHeader() != null ? request : null;
        try {
            return answers.error(
                    answered,
                    null,
                    refusal.code(),
                    refusal.descriptionCode(),
                    refusal.description(),
                    settings,
                    messageId(),
                    clock.instant());
        } catch (ScriptValidationException headerNotUsable) {
            // The request's own header is what is wrong (too long, bad qualifier): answer unaddressed.
            return answers.error(
                    null,
                    null,
                    refusal.code(),
                    refusal.descriptionCode(),
                    refusal.description(),
                    settings,
                    messageId(),
                    clock.instant());
        }
    }

    private static String messageId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
