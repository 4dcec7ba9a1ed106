package io.rxflow.hub;

import org.springframework.test.context.TestPropertySource;

/**
 * Every {@link DeliveryIT} case again with one message in flight per consumer thread ({@code
 * rx-dispatch-records}, the dispatch before 2026-12-05) and three consumers per pharmacy: exactly once
 * through a down pharmacy, a broker restart and a stop of every route, and offsets committed.
 */
@TestPropertySource(
        properties = {"rxflow.dispatch.in-flight-per-pharmacy=1", "rxflow.dispatch.consumers-per-pharmacy=3"})
class OneAtATimeDeliveryIT extends DeliveryIT {

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
