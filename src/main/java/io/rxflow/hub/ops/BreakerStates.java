package io.rxflow.hub.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Function;

/**
 * {@code rxflow_breaker_state{pharmacy}}: 0 closed, 1 open, 2 half-open, -1 when the pharmacy has no
 * breaker (Kafka delivery) or no route. Read at each scrape from the circuit breaker of the pharmacy's
 * dispatch route (processor id ending in {@code rx-breaker-<ncpdp-id>}: a route template prefixes it).
 */
public class BreakerStates {
    private final Function<String, String> stateOf;

    /** {@code stateOf} gives the Resilience4j state name of a pharmacy's breaker, or null when there is none. */
    public BreakerStates(Function<String, String> stateOf) {
        this.stateOf = stateOf;
    }

    /** Registers the gauge of one pharmacy (idempotent). */
    public void register(MeterRegistry meters, String ncpdpId) {
        Gauge.builder("rxflow.breaker.state", () -> value(stateOf.apply(ncpdpId)))
                .description("Circuit breaker of the pharmacy: 0 closed, 1 open, 2 half-open, -1 none")
                .tag("pharmacy", ncpdpId)
                .register(meters);
    }

    static double value(String state) {
        if (state == null) {
            return -1;
        }
        return switch (state) {
            case "CLOSED" -> 0;
            case "OPEN", "FORCED_OPEN" -> 1;
            case "HALF_OPEN" -> 2;
            default -> -1;
        };
    }
}
