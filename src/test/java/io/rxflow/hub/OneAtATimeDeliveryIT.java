package io.rxflow.hub;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Every {@link DeliveryIT} case again with one message in flight per consumer thread ({@code
 * rx-dispatch-records}, the dispatch before 2026-12-05) and three consumers per pharmacy: exactly once
 * through a down pharmacy, a broker restart and a stop of every route, and offsets committed; and
 * {@link TracingIT}'s check, with the Kafka consumer's span in the prescription's trace too (in this
 * class rather than one of its own: a hub context less to start in CI).
 */
@TestPropertySource(
        properties = {"rxflow.dispatch.in-flight-per-pharmacy=1", "rxflow.dispatch.consumers-per-pharmacy=3"})
class OneAtATimeDeliveryIT extends DeliveryIT {
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
    void followsAPrescriptionFromTheRestCallThroughItsKafkaRecordToItsPharmacy() throws Exception {
        TracingIT.assertOneTrace(hub(), jdbc, RECEIVER, true);
    }

    @Override
    boolean readsBatches() {
        return false;
    }

    /** One message a poll: a round of one-message consumers. */
    @Override
    int recordsPerPoll() {
        return 1;
    }

    /** Three consumers on the topic's three partitions, one message each. */
    @Override
    int mostAtOnce() {
        return 3;
    }
}
