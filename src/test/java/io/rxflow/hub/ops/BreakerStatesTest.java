package io.rxflow.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BreakerStatesTest {

    @Test
    void reportsEachPharmacysBreakerAsANumberAlertsCanCompare() {
        var meters = new SimpleMeterRegistry();
        Map<String, String> states = Map.of("1234563", "CLOSED", "2345671", "OPEN", "3456786", "HALF_OPEN");
        var breakers = new BreakerStates(states::get);
        for (String p : new String[] {"1234563", "2345671", "3456786", "7654321"}) {
            breakers.register(meters, p);
        }
        assertThat(value(meters, "1234563")).isEqualTo(0);
        assertThat(value(meters, "2345671")).isEqualTo(1);
        assertThat(value(meters, "3456786")).isEqualTo(2);
        assertThat(value(meters, "7654321")).as("no breaker (Kafka pharmacy)").isEqualTo(-1);
    }

    private static double value(SimpleMeterRegistry meters, String pharmacy) {
        return meters.get("rxflow.breaker.state")
                .tag("pharmacy", pharmacy)
                .gauge()
                .value();
    }
}
