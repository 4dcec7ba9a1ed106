package io.rxflow.hub;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link TracingIT} with one message in flight per consumer thread ({@code rx-dispatch-records}): the
 * pharmacy's Kafka consumer span, too, continues the prescription's trace.
 */
@TestPropertySource(
        properties = {"rxflow.dispatch.in-flight-per-pharmacy=1", "rxflow.dispatch.consumers-per-pharmacy=3"})
class OneAtATimeTracingIT extends TracingIT {

    @Override
    boolean consumerSpanInTrace() {
        return true;
    }
}
