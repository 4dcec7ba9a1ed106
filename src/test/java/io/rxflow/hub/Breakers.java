package io.rxflow.hub;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/** A pharmacy's circuit breaker as an operator sees it in JMX (Hawtio's Camel tab). */
final class Breakers {
    private Breakers() {}

    /** CLOSED, OPEN, HALF_OPEN (or NOT_FOUND) for the breaker processor {@code rx-breaker-<ncpdp-id>}. */
    static String state(String processorId) throws Exception {
        var server = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : server.queryNames(new ObjectName("org.apache.camel:type=processors,*"), null)) {
            if (name.getKeyProperty("name").contains(processorId)) {
                return String.valueOf(server.getAttribute(name, "CircuitBreakerState"));
            }
        }
        return "NOT_FOUND";
    }
}
