package io.rxflow.hub.ops;

import java.util.function.BooleanSupplier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** Readiness: UP once the Camel context and its routes have started, DOWN before (and while stopping). */
public class RoutesHealth implements HealthIndicator {
    private final BooleanSupplier routesStarted;

    public RoutesHealth(BooleanSupplier routesStarted) {
        this.routesStarted = routesStarted;
    }

    @Override
    public Health health() {
        return routesStarted.getAsBoolean()
                ? Health.up().build()
                : Health.down().withDetail("reason", "Camel routes not started").build();
    }
}
