package io.rxflow.hub;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Every {@link DeliveryIT} case again with several prescriptions in flight per pharmacy ({@code
 * rx-dispatch-batches}: one consumer per pharmacy reading a poll batch at a time, 16 of its
 * prescriptions delivered at once): exactly once through a down pharmacy, a broker restart and a stop
 * of every route, more than one delivery to a pharmacy at once, and offsets committed; and {@link
 * TracingIT}'s check, with the batch's own consumer span out of the prescription's trace (in this
 * class rather than one of its own: a hub context less to start in CI).
 */
@TestPropertySource(
        properties = {"rxflow.dispatch.in-flight-per-pharmacy=16", "rxflow.dispatch.consumers-per-pharmacy=1"})
class BatchedDeliveryIT extends DeliveryIT {
    private static final OtlpReceiver RECEIVER = new OtlpReceiver();

    @DynamicPropertySource
    static void tracing(DynamicPropertyRegistry registry) {
        registry.add("rxflow.ops.tracing.otlp-endpoint", RECEIVER::endpoint);
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    /** Each lane clears the batch's span, so its delivery continues the record's trace. */
    @Test
    void followsAPrescriptionFromTheRestCallThroughItsLaneToItsPharmacy() throws Exception {
        TracingIT.assertOneTrace(hub(), jdbc, RECEIVER, false);
    }

    @Override
    boolean readsBatches() {
        return true;
    }

    /** One round of 16 lanes a poll (the ITs' 60 redeliveries leave no room for two). */
    @Override
    int recordsPerPoll() {
        return 16;
    }

    @Override
    int mostAtOnce() {
        return 16;
    }
}
