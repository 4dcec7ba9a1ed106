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
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the dispatch routes of each pharmacy of the directory: made from the templates of {@code
 * rx-dispatch.camel.yaml} at start, and brought in line with the file on reload (new pharmacies get
 * routes, removed ones lose them, changed ones get fresh ones). Two routes per pharmacy: its delivery
 * ({@code rx-dispatch-http} or {@code rx-dispatch-kafka}, one message) and its consumer, which reads the
 * pharmacy's own outbound topic, created (when missing) before the route starts: {@code
 * rx-dispatch-records} (one message at a time per consumer thread) or, with more than one in flight,
 * {@code rx-dispatch-batches} (a poll batch, several prescriptions at once in the {@value #IN_FLIGHT_POOL}
 * thread pool).
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
    private final int inFlight;
    private final PollBudget pollBudget;
    private Map<String, Pharmacy> running = Map.of();

    /** The thread pool profile of {@code rx-dispatch-batches}: one pool per route, {@code inFlight} threads. */
    public static final String IN_FLIGHT_POOL = "rxDispatchInFlight";

    /**
     * {@code paused} says, by NCPDP ID, whose consumer is made stopped (DispatchPauses#pausedNow);
     * {@code inFlight} is how many prescriptions a pharmacy gets at once (1: one per consumer thread);
     * {@code pollBudget} how many records a poll of each pharmacy's consumer may hold.
     */
    public DispatchRoutes(
            PharmacyDirectory directory,
            String outboundPrefix,
            TopicCreator topics,
            Predicate<String> paused,
            int inFlight,
            PollBudget pollBudget) {
        this.directory = directory;
        this.outboundPrefix = outboundPrefix;
        this.topics = topics;
        this.paused = paused;
        this.inFlight = inFlight;
        this.pollBudget = pollBudget;
    }

    /** Re-reads the directory and adds, replaces or removes routes; returns the route ids now running. */
    public synchronized List<String> sync(CamelContext camel) throws Exception {
        if (inFlight > 1 && camel.getExecutorServiceManager().getThreadPoolProfile(IN_FLIGHT_POOL) == null) {
            camel.getExecutorServiceManager()
                    .registerThreadPoolProfile(new ThreadPoolProfileBuilder(IN_FLIGHT_POOL)
                            .poolSize(inFlight)
                            .maxPoolSize(inFlight)
                            // Lanes of a batch wait in the queue for a thread (a batch holds at most
                            // max-poll-records). Camel makes a queue of 0 or less a hand-off: a lane
                            // past the pool would then run on the consumer's thread, one more in flight.
                            .maxQueueSize(Integer.MAX_VALUE)
                            .keepAliveTime(60L)
                            .allowCoreThreadTimeOut(true)
                            .build());
        }
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

    /**
     * A pharmacy's dispatch consumer route id (the one a pause stops), which is also its consumer name
     * in processed_message.
     */
    static String routeId(String ncpdpId) {
        return "rx-dispatch-" + ncpdpId;
    }

    /** A pharmacy's delivery route id: the route with its circuit breaker. */
    public static String deliveryRouteId(String ncpdpId) {
        return routeId(ncpdpId) + "-deliver";
    }

    private void add(CamelContext camel, Pharmacy p) {
        String outbound = OutboxRows.topicFor(outboundPrefix, p.ncpdpId());
        topics.createIfMissing(outbound);
        var delivery = TemplatedRouteBuilder.builder(camel, p.http() ? "rx-dispatch-http" : "rx-dispatch-kafka")
                .routeId(deliveryRouteId(p.ncpdpId()))
                .parameter("pharmacy", p.ncpdpId())
                .parameter("scriptVersion", p.scriptVersion());
        if (p.http()) {
            delivery.parameter(
                            "failureRateThreshold", Integer.toString(p.breaker().failureRateThreshold()))
                    .parameter("slidingWindowSize", Integer.toString(p.breaker().slidingWindowSize()))
                    .parameter(
                            "minimumNumberOfCalls", Integer.toString(p.breaker().minimumNumberOfCalls()))
                    .parameter(
                            "waitInOpenStateSeconds",
                            Long.toString(
                                    Math.max(1, p.breaker().waitInOpenState().toSeconds())));
        } else {
            delivery.parameter("pharmacyTopic", p.delivery().topic());
        }
        delivery.add();
        // A paused pharmacy's consumer is made stopped: no window in which a message could go out.
        boolean stopped = paused.test(p.ncpdpId());
        int recordsPerPoll = pollBudget.recordsPerPoll(p, inFlight);
        TemplatedRouteBuilder.builder(camel, inFlight > 1 ? "rx-dispatch-batches" : "rx-dispatch-records")
                .routeId(routeId(p.ncpdpId()))
                .parameter("pharmacy", p.ncpdpId())
                .parameter("outboundTopic", outbound)
                .parameter("autoStartup", Boolean.toString(!stopped))
                .parameter("maxPollRecords", Integer.toString(recordsPerPoll))
                .add();
        log.info(
                "Dispatch route {} {} for pharmacy {} ({}, SCRIPT {}, {} in flight, at most {} records a poll)",
                routeId(p.ncpdpId()),
                stopped ? "made (stopped: dispatch paused)" : "started",
                p.ncpdpId(),
                p.http() ? "http" : "kafka",
                p.scriptVersion(),
                inFlight > 1 ? Integer.toString(inFlight) : "one per consumer",
                recordsPerPoll);
        if (!pollBudget.fits(p)) {
            log.warn(
                    "Pharmacy {}: one message may take up to {} s of attempts and back-off before it is parked, more"
                            + " than {} % of the consumers' max.poll.interval.ms ({} s); while it is down its consumer"
                            + " may lose its partitions and another may retry the same message. Lower"
                            + " rxflow.dispatch.max-redeliveries or max-redelivery-delay-ms, or the pharmacy's timeouts"
                            + " (docs/delivery.md, \"Records a poll holds\")",
                    p.ncpdpId(),
                    pollBudget.worstPerMessage(p).toSeconds(),
                    PollBudget.SHARE_PERCENT,
                    pollBudget.maxPollIntervalMs() / 1000);
        }
    }

    private static void remove(CamelContext camel, String ncpdpId) throws Exception {
        // The consumer first, so no message is handed to a delivery route that is gone.
        for (String id : List.of(routeId(ncpdpId), deliveryRouteId(ncpdpId))) {
            camel.getRouteController().stopRoute(id);
            camel.removeRoute(id);
        }
        log.info("Dispatch routes {} removed", routeId(ncpdpId));
    }
}
