package io.rxflow.hub.dispatch;

import io.rxflow.hub.outbox.OutboxRows;
import io.rxflow.hub.pharmacies.Pharmacy;
import io.rxflow.hub.pharmacies.PharmacyDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one dispatch route per pharmacy of the directory: made from the {@code rx-dispatch-http} or
 * {@code rx-dispatch-kafka} template at start, and brought in line with the file on reload (new
 * pharmacies get a route, removed ones lose it, changed ones get a fresh one). Each route reads its
 * pharmacy's own outbound topic, created (when missing) before the route starts.
 */
public class DispatchRoutes {
    private static final Logger log = LoggerFactory.getLogger(DispatchRoutes.class);

    /** Creates a topic when it does not exist yet. */
    @FunctionalInterface
    public interface TopicCreator {
        void createIfMissing(String topic);
    }

    private final PharmacyDirectory directory;
    private final String outboundPrefix;
    private final TopicCreator topics;
    private final Predicate<String> paused;
    private Map<String, Pharmacy> running = Map.of();

    /** {@code paused} says, by NCPDP ID, whose route is made stopped (DispatchPauses#pausedNow). */
    public DispatchRoutes(
            PharmacyDirectory directory, String outboundPrefix, TopicCreator topics, Predicate<String> paused) {
        this.directory = directory;
        this.outboundPrefix = outboundPrefix;
        this.topics = topics;
        this.paused = paused;
    }

    /** Re-reads the directory and adds, replaces or removes routes; returns the route ids now running. */
    public synchronized List<String> sync(CamelContext camel) throws Exception {
        Map<String, Pharmacy> wanted = directory.reload();
        for (var entry : running.entrySet()) {
            if (!Objects.equals(wanted.get(entry.getKey()), entry.getValue())) {
                remove(camel, entry.getKey());
            }
        }
        for (Pharmacy p : wanted.values()) {
            if (!Objects.equals(running.get(p.ncpdpId()), p)) {
                add(camel, p);
            }
        }
        running = wanted;
        List<String> ids = new ArrayList<>();
        wanted.keySet().forEach(id -> ids.add(routeId(id)));
        return ids;
    }

    /** A pharmacy's dispatch route id, which is also its consumer name in processed_message. */
    static String routeId(String ncpdpId) {
        return "rx-dispatch-" + ncpdpId;
    }

    private void add(CamelContext camel, Pharmacy p) {
        String outbound = OutboxRows.topicFor(outboundPrefix, p.ncpdpId());
        topics.createIfMissing(outbound);
        var builder = TemplatedRouteBuilder.builder(camel, p.http() ? "rx-dispatch-http" : "rx-dispatch-kafka")
                .routeId(routeId(p.ncpdpId()))
                .parameter("pharmacy", p.ncpdpId())
                .parameter("outboundTopic", outbound)
                .parameter("scriptVersion", p.scriptVersion());
        // A paused pharmacy's route is made stopped: no window in which a message could go out.
        boolean stopped = paused.test(p.ncpdpId());
        builder.parameter("autoStartup", Boolean.toString(!stopped));
        if (p.http()) {
            builder.parameter(
                            "failureRateThreshold", Integer.toString(p.breaker().failureRateThreshold()))
                    .parameter("slidingWindowSize", Integer.toString(p.breaker().slidingWindowSize()))
                    .parameter(
                            "minimumNumberOfCalls", Integer.toString(p.breaker().minimumNumberOfCalls()))
                    .parameter(
                            "waitInOpenStateSeconds",
                            Long.toString(
                                    Math.max(1, p.breaker().waitInOpenState().toSeconds())));
        } else {
            builder.parameter("pharmacyTopic", p.delivery().topic());
        }
        builder.add();
        log.info(
                "Dispatch route {} {} for pharmacy {} ({}, SCRIPT {})",
                routeId(p.ncpdpId()),
                stopped ? "made (stopped: dispatch paused)" : "started",
                p.ncpdpId(),
                p.http() ? "http" : "kafka",
                p.scriptVersion());
    }

    private static void remove(CamelContext camel, String ncpdpId) throws Exception {
        String id = routeId(ncpdpId);
        camel.getRouteController().stopRoute(id);
        camel.removeRoute(id);
        log.info("Dispatch route {} removed", id);
    }
}
