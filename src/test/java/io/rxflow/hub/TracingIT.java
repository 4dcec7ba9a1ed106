package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One trace follows a prescription: the REST call, intake, the outbox row (which carries the trace
 * context), the Kafka record and the pharmacy's delivery route; exported over OTLP/HTTP to an in-test
 * receiver. With the default dispatch ({@code rx-dispatch-records}) the pharmacy's Kafka consumer
 * span continues the record's {@code traceparent} itself. {@link BatchedDeliveryIT} checks, with
 * {@link #assertOneTrace}, the batched consumer ({@code rx-dispatch-batches}), whose poll batch is one
 * exchange with a span of its own; each prescription's lane continues the record's trace into the
 * delivery route.
 *
 * <p>Like every IT it needs a JVM of its own (Failsafe {@code reuseForks=false}): a cached hub context
 * of another IT class, live on the same database, would claim this test's outbox row with its own
 * relay and deliver it with its own (untraced) routes — which is how this test and
 * {@code OpsIT.countsAPrescriptionFromIntakeToThePharmacysAnswer} failed after the merges.
 */
class TracingIT extends HubIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OtlpReceiver RECEIVER = new OtlpReceiver();

    @DynamicPropertySource
    static void tracing(DynamicPropertyRegistry registry) {
        registry.add("rxflow.ops.tracing.otlp-endpoint", RECEIVER::endpoint);
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void followsAPrescriptionFromTheRestCallThroughTheOutboxToItsPharmacy() throws Exception {
        assertOneTrace(hub(), jdbc, RECEIVER, true);
    }

    /**
     * Submits a prescription for pharmacy 1234563 and checks that its trace holds the REST call and
     * the delivery route's span, and, when {@code consumerSpanInTrace}, the Kafka consumer's.
     */
    static void assertOneTrace(HubClient hub, JdbcTemplate jdbc, OtlpReceiver receiver, boolean consumerSpanInTrace)
            throws Exception {
        var response = hub.post(
                "/api/v1/prescriptions",
                "application/json",
                Fixtures.named("valid", "lisinopril-daily-envelope").envelope());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String id = JSON.readTree(response.body()).get("id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> "delivered"
                .equals(jdbc.queryForObject(
                        "SELECT status FROM prescription WHERE id = CAST(? AS uuid)", String.class, id)));
        String traceparent = jdbc.queryForObject(
                "SELECT headers ->> 'traceparent' FROM outbox WHERE aggregate_id = CAST(? AS uuid)", String.class, id);
        assertThat(traceparent)
                .as("the outbox row carries the trace context")
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        String traceId = traceparent.split("-")[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> names = receiver.spans().stream()
                    .filter(s -> traceId.equals(s.traceId()))
                    .map(OtlpReceiver.Span::name)
                    .toList();
            Map<String, List<String>> all = receiver.spans().stream()
                    .collect(Collectors.groupingBy(
                            OtlpReceiver.Span::traceId,
                            Collectors.mapping(OtlpReceiver.Span::name, Collectors.toList())));
            assertThat(names)
                    .as("spans of trace %s among %s", traceId, all)
                    .anyMatch(n -> n.contains("rx-submit-envelope") || n.contains("platform-http"))
                    .anyMatch(n -> n.contains("rx-dispatch-deliver-1234563"));
            if (consumerSpanInTrace) {
                assertThat(names)
                        .as("spans of trace %s among %s", traceId, all)
                        .anyMatch(n -> n.contains("ncpdp.outbound.1234563"));
            }
        });
    }
}
