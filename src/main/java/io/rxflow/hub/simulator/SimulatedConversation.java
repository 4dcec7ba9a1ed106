package io.rxflow.hub.simulator;

import io.rxflow.hub.script.ScriptVersionConverter;
import io.rxflow.hub.script.model.Message;
import io.rxflow.hub.script.model.SenderSoftwareType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated pharmacies' side of the conversation: after accepting a NewRx each sends its
 * configured {@link FollowUp}, and after a CancelRx its CancelRxResponse (approved, or denied for the
 * pharmacies told to), to the hub's {@code /ncpdp/inbound} with its credential, after the configured
 * delay. A pharmacy that received the hub's message in SCRIPT 2017071 writes its own in 2017071 too
 * (built in 2023011 and converted with {@code xslt/script-2023011-to-2017071.xsl}). Settings ({@link ConversationProperties}) or the API ({@code PUT .../follow-up},
 * {@code PUT .../cancel-answer}).
 */
public final class SimulatedConversation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedConversation.class);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final FollowUpMessages messages;
    private final ConversationProperties props;
    private final Supplier<String> hubUrl;
    private final Clock clock;
    private final ScriptVersionConverter to2017071;
    private final Map<String, FollowUp> followUps = new ConcurrentHashMap<>();
    private final Set<String> denyCancels = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rx-simulator-conversation");
        t.setDaemon(true);
        return t;
    });

    SimulatedConversation(
            FollowUpMessages messages,
            ConversationProperties props,
            Supplier<String> hubUrl,
            Clock clock,
            ScriptVersionConverter to2017071) {
        this.to2017071 = to2017071;
        this.messages = messages;
        this.props = props;
        this.hubUrl = hubUrl;
        this.clock = clock;
        for (String entry : props.followUps()) {
            int colon = entry.indexOf(':');
            followUps.put(entry.substring(0, colon).strip(), FollowUp.parse(entry.substring(colon + 1)));
        }
        props.denyCancels().forEach(id -> denyCancels.add(id.strip()));
    }

    public void followUp(String ncpdpId, FollowUp followUp) {
        followUps.put(ncpdpId, followUp);
    }

    public void denyCancels(String ncpdpId, boolean deny) {
        if (deny) {
            denyCancels.add(ncpdpId);
        } else {
            denyCancels.remove(ncpdpId);
        }
    }

    /**
     * Called for every message a simulated pharmacy accepted (first time only), read as 2023011;
     * {@code script2017071}: it came in 2017071, so the pharmacy answers in 2017071.
     */
    void accepted(String ncpdpId, Message message, boolean script2017071, SenderSoftwareType software) {
        String rxReference = "SIM-" + message.getHeader().getMessageID().substring(0, 12);
        String messageId = newMessageId();
        String xml;
        int times = 1;
        if (message.getBody().getRxRenewalResponse() != null
                || message.getBody().getRxChangeResponse() != null) {
            // The prescriber's answer closes the pharmacy's request; the simulation sends nothing more.
            return;
        }
        if (message.getBody().getCancelRx() != null) {
            xml = messages.cancelResponse(
                    message, !denyCancels.contains(ncpdpId), messageId, rxReference, software, clock.instant());
        } else {
            FollowUp f = followUps.getOrDefault(ncpdpId, FollowUp.NONE);
            if (f == FollowUp.NONE) {
                return;
            }
            xml = f == FollowUp.GARBAGE
                    ? "this is not SCRIPT {\"fill\": true}"
                    : messages.afterNewRx(message, f, messageId, rxReference, software, clock.instant());
            times = f == FollowUp.TWICE ? 2 : 1;
        }
        if (script2017071 && xml.startsWith("<")) {
            xml = to2017071.toScript2017071(xml).xml();
        }
        String sent = xml;
        for (int i = 0; i < times; i++) {
            scheduler.schedule(
                    () -> send(ncpdpId, messageId, sent), props.delay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void send(String ncpdpId, String messageId, String xml) {
        String auth = Base64.getEncoder()
                .encodeToString((ncpdpId + ":" + props.credential(ncpdpId)).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(hubUrl.get() + "/ncpdp/inbound"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/xml")
                .header("Authorization", "Basic " + auth)
                .POST(HttpRequest.BodyPublishers.ofString(xml))
                .build();
        try {
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            String kind = answer.body() != null && answer.body().contains("<Status>") ? "Status" : "Error";
            LOG.info(
                    "Simulated pharmacy {} sent {}: hub answered HTTP {} {}",
                    ncpdpId,
                    messageId,
                    answer.statusCode(),
                    kind);
        } catch (java.io.IOException e) {
            LOG.warn("Simulated pharmacy {} could not send {}: {}", ncpdpId, messageId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String newMessageId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
