package io.rxflow.hub.simulator;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the simulated pharmacies say after they accept a message ({@code rxflow.simulator.conversation}):
 * {@code followUps} as {@code ncpdpId:behaviour} entries ({@link FollowUp}), {@code denyCancels} the
 * NCPDP IDs that deny a CancelRx (the others approve), the {@code delay} before each follow-up, where
 * the hub takes them ({@code hubUrl}, its {@code /ncpdp/inbound}; empty: this process's own port) and each pharmacy's credential there
 * ({@code credentials} as {@code ncpdpId:secret}; default {@code simulator-<ncpdp-id>}, the demo
 * directory's).
 */
@ConfigurationProperties("rxflow.simulator.conversation")
public record ConversationProperties(
        @DefaultValue List<String> followUps,
        @DefaultValue List<String> denyCancels,
        @DefaultValue("1s") Duration delay,
        @DefaultValue("") String hubUrl,
        @DefaultValue List<String> credentials) {

    public ConversationProperties {
        followUps = followUps == null ? List.of() : List.copyOf(followUps);
        denyCancels = denyCancels == null ? List.of() : List.copyOf(denyCancels);
        credentials = credentials == null ? List.of() : List.copyOf(credentials);
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("rxflow.simulator.conversation.delay must be zero or more");
        }
    }

    /** The pharmacy's secret for the hub's {@code /ncpdp/inbound}. */
    public String credential(String ncpdpId) {
        return credentials.stream()
                .filter(c -> c.startsWith(ncpdpId + ":"))
                .map(c -> c.substring(ncpdpId.length() + 1))
                .findFirst()
                .orElse("simulator-" + ncpdpId);
    }
}
