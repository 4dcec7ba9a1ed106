package io.rxflow.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxflow.hub.support.LogCorrelation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.UnitOfWorkFactory;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The correlation id follows an exchange to the thread that finishes an asynchronous step (as
 * camel-kafka's producer does) and is gone from the thread that finished it once it is done. (The
 * thread it started on keeps the id it was given until its next exchange sets its own, as with Camel's
 * keys pattern: every route of the hub sets it first.)
 */
class CorrelationUnitOfWorkTest {
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "writer"));
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.setUseMDCLogging(true);
        camel.getCamelContextExtension().addContextPlugin(UnitOfWorkFactory.class, new CorrelationUnitOfWork.Factory());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:request")
                        .process(e -> LogCorrelation.assign(e.getMessage().getHeader("id", String.class), "fallback"))
                        .process(onWriterThread())
                        .process(
                                e -> seen.add(Thread.currentThread().getName() + " " + MDC.get(LogCorrelation.LOG_KEY)))
                        .process(onWriterThread())
                        .process(e ->
                                seen.add(Thread.currentThread().getName() + " " + MDC.get(LogCorrelation.LOG_KEY)));
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
        writer.shutdownNow();
        MDC.clear();
    }

    @Test
    void theFactoryIsCamelsOwnWhenMdcLoggingIsOn() {
        assertThat(PluginHelper.getUnitOfWorkFactory(camel)).isInstanceOf(CorrelationUnitOfWork.Factory.class);
        Exchange exchange = camel.getEndpoint("direct:request").createExchange();
        assertThat(PluginHelper.getUnitOfWorkFactory(camel).createUnitOfWork(exchange))
                .isInstanceOf(CorrelationUnitOfWork.class);
        camel.setUseMDCLogging(false);
        assertThat(PluginHelper.getUnitOfWorkFactory(camel).createUnitOfWork(exchange))
                .isNotInstanceOf(CorrelationUnitOfWork.class);
    }

    @Test
    void theIdFollowsTheExchangeToTheWriterThreadAndLeavesWithIt() throws Exception {
        camel.createProducerTemplate().sendBodyAndHeader("direct:request", "body", "id", "corr-1");
        camel.createProducerTemplate().sendBodyAndHeader("direct:request", "body", "id", "corr-2");

        assertThat(seen).containsExactly("writer corr-1", "writer corr-1", "writer corr-2", "writer corr-2");
        assertThat(writer.submit(() -> MDC.get(LogCorrelation.LOG_KEY)).get(5, TimeUnit.SECONDS))
                .as("the writer's thread, after the exchange")
                .isNull();
    }

    /** Finishes the step on the writer thread, which starts with no logging context of its own. */
    private AsyncProcessor onWriterThread() {
        return new AsyncProcessorSupport() {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                writer.execute(() -> callback.done(false));
                return false;
            }
        };
    }
}
