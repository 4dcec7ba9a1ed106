package io.rxflow.hub;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.apache.camel.util.function.ThrowingConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Base of the {@code *RouteTest} classes: the real YAML routes by id in Camel + Spring
 * ({@link RouteTestContext}), advised before Camel starts so that every {@code sql:} and
 * {@code kafka:} endpoint is a {@code mock:}. Each subclass names its route files with
 * {@code camel.main.routes-include-pattern}, keeps the routes under test, and advises them once; the
 * context is advised per class, so it is never shared with another class.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(
        classes = RouteTestContext.class,
        properties = {
            "camel.main.jmx-enabled=false",
            "camel.main.shutdown-timeout=5",
            // Redeliveries short and few: a test waits on outcomes, never on a clock.
            "rxflow.dispatch.max-redeliveries=3",
            "rxflow.dispatch.redelivery-delay-ms=1",
            "rxflow.dispatch.max-redelivery-delay-ms=2"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class RouteTestSupport {
    @Autowired
    protected CamelContext camel;

    @Autowired
    protected ProducerTemplate producer;

    /** The routes this class tests (every other route of its files is removed before start). */
    protected abstract Set<String> routesUnderTest();

    /** Replaces endpoints with mocks, once, before Camel starts (routes made from templates included). */
    protected abstract void advise() throws Exception;

    /** Sets the mocks' answers for the next test, after they were reset. */
    protected void answers() {}

    @BeforeEach
    final void startOnce() throws Exception {
        if (!camel.isStarted()) {
            ModelCamelContext model = (ModelCamelContext) camel;
            List<RouteDefinition> others = model.getRouteDefinitions().stream()
                    .filter(r -> !routesUnderTest().contains(r.getRouteId()))
                    .toList();
            model.removeRouteDefinitions(others);
            advise();
            camel.start();
        }
        MockEndpoint.resetMocks(camel);
        answers();
    }

    protected void adviceWith(String routeId, ThrowingConsumer<AdviceWithRouteBuilder, Exception> advice)
            throws Exception {
        AdviceWith.adviceWith(camel, routeId, advice);
    }

    protected MockEndpoint mock(String name) {
        return camel.getEndpoint("mock:" + name, MockEndpoint.class);
    }

    /**
     * Fails unless every mock's expectations are met, waiting at most ten seconds for a message. A
     * mock expecting none is checked at once: the routes under test are synchronous, so once the
     * test's send returns, whatever was going to reach it has.
     */
    protected void assertMocksSatisfied() throws InterruptedException {
        for (var endpoint : camel.getEndpoints()) {
            if (endpoint instanceof MockEndpoint mock) {
                mock.setResultWaitTime(TimeUnit.SECONDS.toMillis(10));
                mock.assertIsSatisfied(0);
            }
        }
    }
}
