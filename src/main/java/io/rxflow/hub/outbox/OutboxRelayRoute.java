package io.rxflow.hub.outbox;

import java.util.Map;
import org.apache.camel.builder.RouteBuilder;

/**
 * The outbox relay: claims unpublished rows with {@code FOR UPDATE SKIP LOCKED}, publishes them and
 * marks them published in the same transaction, so several hub instances can relay at once without
 * publishing a row twice. A crash between publishing and committing re-sends the batch; consumers
 * de-duplicate by message id.
 *
 * <p>Each tick of the timer first waits in {@link OutboxWakeup} for a commit that adds rows (or the
 * idle poll), so an idle hub does not claim 50 times a second. A commit that lands at least a poll
 * interval after the last run started is relayed at once; one that lands sooner waits for the next
 * tick, so under load the runs stay one per poll interval, each gathering what was committed meanwhile.
 */
public class OutboxRelayRoute extends RouteBuilder {

    private final int batchSize;

    /** {@code batchSize}: rows claimed, published and marked per transaction ({@code rxflow.outbox.batch-size}). */
    public OutboxRelayRoute(int batchSize) {
        this.batchSize = batchSize;
    }

    @Override
    public void configure() {
        from("timer:rx-outbox-relay?delay={{rxflow.outbox.start-delay-ms}}&period={{rxflow.outbox.poll-interval-ms}}")
                .routeId("rx-outbox-relay")
                .routeDescription(
                        "Waits for a commit that adds outbox rows, publishes them to Kafka, then marks them published")
                .bean("outboxWakeup", "await")
                // Its lines (a batch of many prescriptions) log under the run's own correlation id.
                .bean("routeCorrelation")
                .setProperty("rxClaimed", constant(batchSize))
                .loopDoWhile(simple("${exchangeProperty.rxClaimed} >= " + batchSize))
                .to("direct:rx-outbox-relay-batch")
                .end()
                // Reached only when no batch failed: the next tick may sleep until a commit.
                .bean("outboxWakeup", "drained");

        // A full batch means more may be waiting: keep going until a batch comes back short.
        from("direct:rx-outbox-relay-batch")
                .routeId("rx-outbox-relay-batch")
                .routeDescription("One transaction: claim a batch, publish it, mark it published")
                .transacted()
                // Each statement's named parameters come as a Map body: camel-sql looks a parameter up
                // in the body first, and a body that is not a Map goes through the whole type-converter
                // registry for every lookup (~25-50 µs each, twice per parameter; docs/benchmarks.md,
                // "Tenth look").
                .setBody(constant(Map.of("batchSize", batchSize)))
                .to("sql:classpath:sql/outbox-claim-plan.sql?outputType=SelectOne&outputHeader=rxClaimPlan")
                // parametersCount: camel-sql otherwise asks the driver for the parameter metadata, a round
                // trip to PostgreSQL before every statement (the plan statement has none to give).
                .to("sql:classpath:sql/outbox-claim.sql?outputType=SelectList&parametersCount=1")
                .setProperty("rxClaimed", simple("${body.size()}"))
                .filter(simple("${body.size()} > 0"))
                .bean("outboxPublisher", "publish")
                .setBody(exchange -> Map.of("ids", exchange.getMessage().getBody(String.class)))
                .to("sql:classpath:sql/outbox-mark-published.sql?parametersCount=1");
    }
}
