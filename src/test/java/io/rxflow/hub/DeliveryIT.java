package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.config.EmbeddedKafkaBroker;
import io.rxflow.hub.outbox.OutboxWakeup;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Acknowledged prescriptions reach their pharmacies exactly once, through the real outbox, the
 * in-JVM Kafka broker, the dispatch routes and the HTTP pharmacy simulator, also when a pharmacy,
 * the broker or the Camel context goes away for a while; with the default dispatch (three consumers
 * per pharmacy, one message each), whose offsets are committed. {@link BatchedDeliveryIT} runs every
 * case with several prescriptions in flight per consumer.
 */
class DeliveryIT extends HubIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PHARMACIES = List.of("1234563", "2345671", "3456786");
    private static final Duration DELIVERY = Duration.ofSeconds(180);

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    CamelContext camel;

    @Autowired
    OutboxWakeup outboxWakeup;

    @AfterEach
    void allPharmaciesUp() {
        PHARMACIES.forEach(p -> setMode(p, "up"));
    }

    @Test
    void deliversFiveHundredPrescriptionsExactlyOnceInEachPharmacysVersion() throws Exception {
        List<String> ids = submit("DLV500", 500, PHARMACIES);
        awaitStatus(ids, "delivered");
        assertDeliveredOnce(ids);
        assertThat(jdbc.queryForList(
                        "SELECT DISTINCT payload ->> 'script_version' FROM prescription_event"
                                + " WHERE event_type = 'Dispatched' AND payload ->> 'pharmacy_ncpdp_id' = '2345671'",
                        String.class))
                .containsExactly("2017071");
    }

    @Test
    void theRelaySleepsUntilTheIntakeCommitWakesIt() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(outboxWakeup::isListening);
        long before = outboxWakeup.commitWakeups();

        List<String> ids = submit("WAKE", 1, List.of("1234563"));
        awaitStatus(ids, "delivered");

        assertThat(outboxWakeup.commitWakeups())
                .as("the intake commit's notification started a relay run")
                .isGreaterThan(before);
    }

    @Test
    void holdsADownPharmacysMessagesWhileOthersFlowAndDeliversThemWhenItReturns() throws Exception {
        setMode("3456786", "down");
        List<String> toDown = submit("DOWN", 20, List.of("3456786"));
        List<String> toOthers = submit("UP", 20, List.of("1234563", "2345671"));
        awaitStatus(toOthers, "delivered");
        await().atMost(Duration.ofSeconds(60)).until(() -> "OPEN".equals(Breakers.state("rx-breaker-3456786")));
        assertThat(statuses(toDown)).containsOnly("prepared");

        setMode("3456786", "up");
        awaitStatus(toDown, "delivered");
        assertDeliveredOnce(toDown);
        assertDeliveredOnce(toOthers);
    }

    @Test
    void recordsAPharmacysScriptErrorWithoutRetrying() throws Exception {
        setMode("1234563", "error");
        List<String> ids = submit("ERR", 3, List.of("1234563"));
        awaitStatus(ids, "rejected_by_pharmacy");
        for (String id : ids) {
            assertThat(eventTypes(id)).contains("DispatchRejected").doesNotContain("Dispatched", "DispatchFailed");
        }
    }

    @Test
    void parksWhatThePharmacysVersionCannotCarryOnTheDeadLetterTopic() throws Exception {
        // SCRIPT 2017071 requires the prescriber's country; 2023011 does not.
        String noCountry = readdressed(Fixtures.named("valid", "lisinopril-daily-envelope"), "DLQ-1", "2345671")
                .replace(",\"country\":\"US\"", "");
        String id = accepted(noCountry);
        awaitStatus(List.of(id), "dispatch_failed");
        assertThat(eventTypes(id)).contains("DispatchFailed").doesNotContain("Dispatched");
        // The stylesheet's own refusal text, which names elements and never values.
        assertThat(jdbc.queryForObject(
                        "SELECT payload ->> 'reason' FROM prescription_event"
                                + " WHERE prescription_id = CAST(? AS uuid) AND event_type = 'DispatchFailed'",
                        String.class,
                        id))
                .startsWith("ScriptConversionException: cannot convert to SCRIPT 2017071: ")
                .contains("CountryCode");

        var consumerConfig = new java.util.Properties();
        consumerConfig.put("bootstrap.servers", broker.bootstrapServers());
        consumerConfig.put("group.id", "dead-letter-check-" + id);
        consumerConfig.put("auto.offset.reset", "earliest");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(
                consumerConfig,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            consumer.subscribe(List.of("dead.letter"));
            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> parked = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(parked::add);
                return parked.stream().anyMatch(r -> id.equals(r.key()));
            });
            var record =
                    parked.stream().filter(r -> id.equals(r.key())).findFirst().orElseThrow();
            assertThat(record.value()).contains("<NewRx>").contains("TransactionVersion=\"20230116\"");
            assertThat(new String(record.headers()
                            .lastHeader("rxflow-dead-letter-reason")
                            .value()))
                    .isEqualTo("ScriptConversionException");
        }
    }

    @Test
    void recordsWhatThe2017071ConversionRecodedOnTheDispatchedEvent() throws Exception {
        String nonBinary = readdressed(Fixtures.named("valid", "lisinopril-daily-envelope"), "NOTE-1", "2345671")
                .replace("\"gender\":\"female\"", "\"gender\":\"other\"");
        String id = accepted(nonBinary);
        awaitStatus(List.of(id), "delivered");
        String notes = jdbc.queryForObject(
                "SELECT CAST(payload -> 'conversion_notes' AS text) FROM prescription_event"
                        + " WHERE prescription_id = CAST(? AS uuid) AND event_type = 'Dispatched'",
                String.class,
                id);
        assertThat(notes).contains("AdministrativeGender N sent as U");
    }

    @Test
    void listsThePharmacyDirectoryWithoutCredentials() throws Exception {
        JsonNode listed = JSON.readTree(hub().get("/api/v1/pharmacies").body()).get("pharmacies");
        assertThat(listed).hasSize(3);
        assertThat(listed.findValuesAsText("ncpdp_id")).containsExactlyInAnyOrderElementsOf(PHARMACIES);
        assertThat(listed.findValuesAsText("dispatch_route")).contains("rx-dispatch-2345671");
        assertThat(listed.toString()).doesNotContain("password").doesNotContain("credential");
        // Reloading it is the ops admins' (OpsBrowserIT).
    }

    @Test
    void routesAHeldPrescriptionToAPharmacyOfTheDirectoryOnce() throws Exception {
        // 0512347 is not in the directory: the prescription is held, visible, and nothing is sent.
        String envelope =
                readdressed(Fixtures.named("valid", "amlodipine-ndc-4-4-2-text-only-sig"), "ROUTE-1", "0512347");
        String id = accepted(envelope);
        assertThat(statuses(List.of(id))).containsExactly("routing_failed");
        assertThat(eventTypes(id)).endsWith("RoutingFailed");

        String path = "/api/v1/prescriptions/" + id + "/route";
        var unknown = hub().post(path, "application/json", "{\"pharmacy_ncpdp_id\":\"7654321\"}");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("pharmacy-unknown");

        var routed = hub().post(path, "application/json", "{\"pharmacy_ncpdp_id\":\"3456786\"}");
        assertThat(routed.statusCode()).as(routed.body()).isEqualTo(202);
        String messageId = JSON.readTree(routed.body()).get("message_id").asText();
        awaitStatus(List.of(id), "delivered");
        assertThat(eventTypes(id))
                .containsSubsequence("RoutingFailed", "PrescriptionRouted", "NewRxPrepared", "Dispatched");
        assertThat(hub().get("/api/v1/prescriptions/" + id + "/script").body())
                .contains("<MessageID>" + messageId + "</MessageID>")
                .contains("<To Qualifier=\"P\">3456786</To>");
        JsonNode received = JSON.readTree(
                hub().get("/simulator/pharmacies/3456786/received").body());
        assertThat(received.get("message_ids").toString()).contains(messageId);

        assertThat(hub().post(path, "application/json", "").statusCode())
                .as("a delivered prescription is not sent again")
                .isEqualTo(409);
    }

    @Test
    void deliversEverythingExactlyOnceAcrossABrokerRestart() throws Exception {
        List<String> before = submit("BRK-A", 40, PHARMACIES);
        broker.stop();
        List<String> during = submit("BRK-B", 40, PHARMACIES);
        broker.start();
        List<String> all = new ArrayList<>(before);
        all.addAll(during);
        awaitStatus(all, "delivered");
        assertDeliveredOnce(all);
    }

    @Test
    void deliversEverythingExactlyOnceAcrossAStopAndStartOfEveryRoute() throws Exception {
        // Every route of the Camel context stopped and started again; HubRestartIT restarts the whole hub.
        List<String> before = submit("CTX-A", 40, PHARMACIES);
        camel.getRouteController().stopAllRoutes();
        camel.getRouteController().startAllRoutes();
        List<String> after = submit("CTX-B", 40, PHARMACIES);
        List<String> all = new ArrayList<>(before);
        all.addAll(after);
        awaitStatus(all, "delivered");
        assertDeliveredOnce(all);
    }

    /** Whether the pharmacies' consumers read poll batches with this class's settings (the default: no). */
    boolean readsBatches() {
        return false;
    }

    /** The most deliveries to one pharmacy at once with this class's settings (the default: three consumers on three partitions). */
    int mostAtOnce() {
        return 3;
    }

    /**
     * The most records a poll of a pharmacy's consumer holds: with the ITs' 60 redeliveries a down
     * pharmacy's retries of one message outlast the poll interval's budget, so one round: one message
     * per consumer (the default), {@code in-flight-per-pharmacy} lanes with batches.
     */
    int recordsPerPoll() {
        return 1;
    }

    @Test
    void readsEachPharmacysTopicAsConfiguredAndCommitsWhatItDelivered() throws Exception {
        for (String p : PHARMACIES) {
            var consumer = camel.getRoute("rx-dispatch-" + p);
            assertThat(consumer.getEndpoint()).isInstanceOf(KafkaEndpoint.class);
            assertThat(((KafkaEndpoint) consumer.getEndpoint())
                            .getConfiguration()
                            .isBatching())
                    .as("rx-dispatch-%s reads batches", p)
                    .isEqualTo(readsBatches());
            assertThat(((KafkaEndpoint) consumer.getEndpoint())
                            .getConfiguration()
                            .getMaxPollRecords())
                    .as("records a poll of rx-dispatch-%s holds (dispatch.PollBudget)", p)
                    .isEqualTo(recordsPerPoll());
            assertThat(camel.getRoute("rx-dispatch-" + p + "-deliver")).isNotNull();
        }
        var inFlight = new DeliveriesInFlight("direct://rx-dispatch-deliver-1234563");
        camel.getManagementStrategy().addEventNotifier(inFlight);
        List<String> ids = submit("INFLIGHT", 300, PHARMACIES);
        awaitStatus(ids, "delivered");
        assertDeliveredOnce(ids);
        var kafka = new KafkaTopics(broker.bootstrapServers());
        for (String p : PHARMACIES) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(kafka.uncommitted("rx-dispatch-" + p, "ncpdp.outbound." + p))
                            .as("records of ncpdp.outbound.%s not committed by rx-dispatch-%s", p, p)
                            .isZero());
        }
        camel.getManagementStrategy().removeEventNotifier(inFlight);
        assertThat(inFlight.most.get()).as("deliveries to 1234563 at once").isLessThanOrEqualTo(mostAtOnce());
        if (readsBatches()) {
            assertThat(inFlight.most.get())
                    .as("deliveries to 1234563 at once, with one consumer")
                    .isGreaterThan(1);
        }
    }

    /** Counts the exchanges inside one pharmacy's delivery route at once, and the most seen. */
    private static final class DeliveriesInFlight extends EventNotifierSupport {
        private final String endpoint;
        private final AtomicInteger now = new AtomicInteger();
        private final AtomicInteger most = new AtomicInteger();

        DeliveriesInFlight(String endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public void notify(CamelEvent event) {
            if (event instanceof CamelEvent.ExchangeSendingEvent sending
                    && sending.getEndpoint().getEndpointUri().equals(endpoint)) {
                most.accumulateAndGet(now.incrementAndGet(), Math::max);
            } else if (event instanceof CamelEvent.ExchangeSentEvent sent
                    && sent.getEndpoint().getEndpointUri().equals(endpoint)) {
                now.decrementAndGet();
            }
        }
    }

    /** Posts one envelope, which must be accepted as new (201), and returns the prescription's id. */
    private String accepted(String envelope) throws Exception {
        var response = hub().post("/api/v1/prescriptions", "application/json", envelope);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asText();
    }

    /** Posts {@code count} distinct prescriptions (the fixtures re-addressed) and returns their ids. */
    List<String> submit(String run, int count, List<String> pharmacies) throws Exception {
        List<Fixtures.Fixture> fixtures = Fixtures.all("valid");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Fixtures.Fixture f = fixtures.get(i % fixtures.size());
                String envelope = readdressed(f, run + "-" + i, pharmacies.get(i % pharmacies.size()));
                calls.add(pool.submit(() -> accepted(envelope)));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> call : calls) {
                ids.add(call.get());
            }
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String readdressed(Fixtures.Fixture f, String orderNumber, String ncpdpId) throws Exception {
        JsonNode root = JSON.readTree(f.envelope());
        var order = (com.fasterxml.jackson.databind.node.ObjectNode) root.at("/medication_request/identifier/0");
        order.put("value", orderNumber);
        for (JsonNode id : root.at("/pharmacy/identifier")) {
            if (id.get("system").asText().endsWith("NCPDPProviderIdentificationNumber")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) id).put("value", ncpdpId);
            }
        }
        return JSON.writeValueAsString(root);
    }

    void awaitStatus(List<String> ids, String status) {
        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertThat(statuses(ids))
                .containsOnly(status));
    }

    private List<String> statuses(List<String> ids) {
        return jdbc.queryForList(
                "SELECT status FROM prescription WHERE id = ANY(CAST(? AS uuid[]))", String.class, (Object)
                        ids.toArray(String[]::new));
    }

    private List<String> eventTypes(String id) {
        return jdbc.queryForList(
                "SELECT event_type FROM prescription_event WHERE prescription_id = CAST(? AS uuid) ORDER BY version",
                String.class,
                id);
    }

    /** Each prescription's NewRx reached the simulator once, and no pharmacy saw any MessageID twice. */
    void assertDeliveredOnce(List<String> ids) throws Exception {
        Set<String> received = new HashSet<>();
        for (String pharmacy : PHARMACIES) {
            JsonNode r = JSON.readTree(
                    hub().get("/simulator/pharmacies/" + pharmacy + "/received").body());
            assertThat(r.get("duplicates").asInt())
                    .as("duplicates at %s", pharmacy)
                    .isZero();
            r.get("message_ids").forEach(m -> received.add(m.asText()));
        }
        List<String> sent = jdbc.queryForList(
                "SELECT newrx_message_id FROM prescription WHERE id = ANY(CAST(? AS uuid[]))", String.class, (Object)
                        ids.toArray(String[]::new));
        assertThat(sent).hasSize(ids.size()).doesNotHaveDuplicates();
        assertThat(received).containsAll(sent);
        for (String id : ids) {
            assertThat(eventTypes(id)).filteredOn("Dispatched"::equals).hasSize(1);
        }
    }

    private void setMode(String pharmacy, String mode) {
        var request = hub().request("/simulator/pharmacies/" + pharmacy + "/mode")
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString(mode))
                .build();
        assertThat(hub().send(request).statusCode()).isLessThan(300);
    }
}
