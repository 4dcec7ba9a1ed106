package io.rxflow.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxflow.hub.dispatch.DispatchPauses;
import io.rxflow.hub.dispatch.DispatchRoutes;
import io.rxflow.hub.dispatch.PollBudget;
import io.rxflow.hub.pharmacies.PharmacyDirectory;
import java.time.Clock;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;

/**
 * A failure to make the dispatch routes after Camel's start (Camel logs and ignores exceptions from its
 * after-start callbacks) fails the application's start instead of leaving a hub without dispatch.
 */
class DispatchRoutesAtStartTest {

    @Test
    void aRouteThatCannotBeMadeFailsTheStart() throws Exception {
        var directory = new PharmacyDirectory(new ClassPathResource("config/pharmacies.yaml"), new MockEnvironment());
        var routes = new DispatchRoutes(
                directory,
                "ncpdp.outbound",
                topic -> {
                    throw new IllegalStateException("Cannot create the hub's Kafka topics on 127.0.0.1:9");
                },
                ncpdpId -> false,
                1,
                new PollBudget(10, 500, 30_000, 900_000, 200));
        var atStart = new DispatchConfig.DispatchRoutesAtStart(routes, new DispatchPauses(null, Clock.systemUTC()));
        try (var camel = new DefaultCamelContext()) {
            atStart.afterApplicationStart(camel);
        }

        assertThat(directory.all()).as("the directory was read").isNotEmpty();
        assertThatThrownBy(() -> atStart.onApplicationEvent(startedEvent()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot start the dispatch routes")
                .hasMessageContaining("127.0.0.1:9");
    }

    private static ApplicationStartedEvent startedEvent() {
        return new ApplicationStartedEvent(new SpringApplication(), new String[0], null, null);
    }
}
