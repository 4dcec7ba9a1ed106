package io.rxflow.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rxflow.hub.RouteTestSupport;
import io.rxflow.hub.eventstore.Event;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code rx-intake-store}, the group commit, with the batch transaction replaced by a recording fake
 * (the SQL itself is proven against PostgreSQL by {@code IntakeBatchWriterIT}): requests that arrive
 * while a batch commits are written together, each is answered only once the batch holding it is
 * written, a failed batch is written again command by command, and a full queue is refused.
 */
@TestPropertySource(
        properties = "camel.main.routes-include-pattern=classpath:routes/rx-intake.camel.yaml,"
                + "classpath:routes/rx-api-errors.camel.yaml")
@Import(IntakeStoreRouteTest.Store.class)
class IntakeStoreRouteTest extends RouteTestSupport {
    private static final OffsetDateTime RECEIVED = OffsetDateTime.of(2026, 1, 15, 14, 30, 0, 0, ZoneOffset.UTC);

    @Autowired
    private FakeWriter writer;

    @Autowired
    private GroupCommit store;

    @Override
    protected Set<String> routesUnderTest() {
        return Set.of("rx-intake-store");
    }

    @Override
    protected void advise() {
        // Nothing to replace: the route's only step is the group commit bean.
    }

    // Callers of their own: the common pool may have a single thread on a small machine.
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void release() {
        writer.hold.countDown();
        callers.shutdownNow();
    }

    @Test
    void answersEachRequestWithItsOwnResultOnceTheBatchIsWritten() {
        writer.reset(false, c -> false);

        IntakeResult result = store(command("rx-1", "hmac:1")).getMessage().getBody(IntakeResult.class);

        assertThat(result.id()).isEqualTo("rx-1");
        assertThat(result.created()).isTrue();
        assertThat(writer.batches).containsExactly(List.of("rx-1"));
    }

    @Test
    void writesTheRequestsThatArriveWhileABatchCommitsInOneBatch() {
        writer.reset(true, c -> false);
        var first = CompletableFuture.supplyAsync(() -> store(command("rx-1", "hmac:1")), callers);
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.batches.size() == 1);
        List<CompletableFuture<Exchange>> next = new ArrayList<>();
        for (int i = 2; i <= 3; i++) {
            String id = "rx-" + i;
            next.add(CompletableFuture.supplyAsync(() -> store(command(id, "hmac:" + id)), callers));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> store.waiting() == 2);
        assertThat(first).as("not answered before its batch is written").isNotDone();

        writer.hold.countDown();

        assertThat(first.join().getMessage().getBody(IntakeResult.class).id()).isEqualTo("rx-1");
        assertThat(next.stream()
                        .map(f -> f.join()
                                .getMessage()
                                .getBody(IntakeResult.class)
                                .id())
                        .toList())
                .containsExactly("rx-2", "rx-3");
        assertThat(writer.batches).hasSize(2);
        assertThat(writer.batches.get(1)).containsExactlyInAnyOrder("rx-2", "rx-3");
    }

    @Test
    void writesAFailedBatchAgainOneCommandAtATimeSoOnlyTheBadOneFails() {
        writer.reset(true, c -> c.id().equals("rx-bad"));
        var first = CompletableFuture.supplyAsync(() -> store(command("rx-1", "hmac:1")), callers);
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.batches.size() == 1);
        var good = CompletableFuture.supplyAsync(() -> store(command("rx-good", "hmac:good")), callers);
        var bad = CompletableFuture.supplyAsync(() -> store(command("rx-bad", "hmac:bad")), callers);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.waiting() == 2);

        writer.hold.countDown();

        assertThat(first.join().getException()).isNull();
        assertThat(good.join().getException()).isNull();
        assertThat(good.join().getMessage().getBody(IntakeResult.class).id()).isEqualTo("rx-good");
        assertThat(bad.join().getException()).isInstanceOf(IllegalStateException.class);
        assertThat(writer.batches.get(1)).containsExactlyInAnyOrder("rx-good", "rx-bad");
        assertThat(writer.batches.subList(2, 4)).containsExactlyInAnyOrder(List.of("rx-good"), List.of("rx-bad"));
    }

    @Test
    void refusesARequestWhenTheQueueIsFull() {
        writer.reset(true, c -> false);
        var first = CompletableFuture.supplyAsync(() -> store(command("rx-1", "hmac:1")), callers);
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.batches.size() == 1);
        List<CompletableFuture<Exchange>> queued = new ArrayList<>();
        for (int i = 2; i <= 3; i++) {
            String id = "rx-" + i;
            queued.add(CompletableFuture.supplyAsync(() -> store(command(id, "hmac:" + id)), callers));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> store.waiting() == 2);

        Exchange refused = store(command("rx-4", "hmac:4"));

        assertThat(refused.getException()).isInstanceOf(IntakeBusyException.class);
        writer.hold.countDown();
        assertThat(first.join().getException()).isNull();
        queued.forEach(f -> assertThat(f.join().getException()).isNull());
    }

    private Exchange store(IntakeCommand command) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty("rxCommand", command);
        return producer.send("direct:rx-intake-store", exchange);
    }

    private static IntakeCommand command(String id, String key) {
        return new IntakeCommand(
                id,
                key,
                false,
                "1234563",
                RECEIVED,
                "ehr-test",
                "correlation-1",
                "{\"resourceType\":\"MedicationRequest\"}",
                "prepared",
                "6f1c2d3e4a5b4c6d8e9f00112233aabc",
                List.of(new Event(1, "PrescriptionReceived", "{}")),
                Map.of("aggregateId", id));
    }

    /** The batch transaction as a fake: records each batch's ids, may hold the first batch, may fail. */
    static final class FakeWriter implements GroupCommit.BatchWriter {
        final List<List<String>> batches = new CopyOnWriteArrayList<>();
        volatile CountDownLatch hold = new CountDownLatch(0);
        volatile Predicate<IntakeCommand> fails = c -> false;
        private final IntakeResults results = new IntakeResults();

        void reset(boolean holdFirstBatch, Predicate<IntakeCommand> failing) {
            batches.clear();
            fails = failing;
            hold = new CountDownLatch(holdFirstBatch ? 1 : 0);
        }

        @Override
        public List<IntakeResult> write(List<IntakeCommand> commands) {
            batches.add(commands.stream().map(IntakeCommand::id).toList());
            if (batches.size() == 1) {
                try {
                    hold.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            if (commands.stream().anyMatch(fails)) {
                throw new IllegalStateException("a bad command fails its whole transaction");
            }
            return commands.stream().map(results::created).toList();
        }
    }

    /** The group commit under test: one writer, so a held batch makes the next requests wait; room for two. */
    @TestConfiguration
    static class Store {
        @Bean
        FakeWriter fakeWriter() {
            return new FakeWriter();
        }

        @Bean(destroyMethod = "close")
        GroupCommit intakeStore(FakeWriter writer) {
            return new GroupCommit(
                    writer, new GroupCommit.Settings(50, Duration.ZERO, 2, 1, Duration.ofSeconds(30)), size -> {});
        }
    }
}
