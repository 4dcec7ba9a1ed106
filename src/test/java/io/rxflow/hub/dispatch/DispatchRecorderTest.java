package io.rxflow.hub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxflow.hub.eventstore.DispatchOutcome;
import io.rxflow.hub.eventstore.EventTypes;
import io.rxflow.hub.eventstore.PrescriptionStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The recorder's batching and its fallback, with a writer that stands in for the database. */
class DispatchRecorderTest {
    private final ExecutorService callers = Executors.newFixedThreadPool(4);
    private final List<List<String>> transactions = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void recordsOutcomesArrivingTogetherInOneTransaction() throws Exception {
        try (var recorder = recorder(outcomes -> {
            transactions.add(ids(outcomes));
            return outcomes.stream().map(o -> !o.messageId().equals("M-2")).toList();
        })) {
            List<CompletableFuture<Boolean>> results = record(recorder, "M-1", "M-2", "M-3");
            assertThat(results.stream().map(CompletableFuture::join)).containsExactly(true, null, true);
        }
        assertThat(transactions).hasSize(1);
        assertThat(transactions.get(0)).containsExactlyInAnyOrder("M-1", "M-2", "M-3");
    }

    @Test
    void writesAFailedBatchAgainOneOutcomePerTransactionSoOnlyTheBadOneFails() throws Exception {
        try (var recorder = recorder(outcomes -> {
            transactions.add(ids(outcomes));
            if (ids(outcomes).contains("M-BAD")) {
                throw new IllegalStateException("row failed");
            }
            return outcomes.stream().map(o -> true).toList();
        })) {
            List<CompletableFuture<Boolean>> results = record(recorder, "M-1", "M-BAD", "M-3");
            assertThat(results.get(0).join()).isTrue();
            assertThat(results.get(2).join()).isTrue();
            assertThatThrownBy(() -> results.get(1).join()).hasRootCauseMessage("row failed");
        }
        assertThat(transactions.get(0)).hasSize(3);
        assertThat(transactions.subList(1, transactions.size())).allMatch(t -> t.size() == 1);
    }

    @Test
    void refusesOutcomesOnceClosed() throws Exception {
        var recorder = recorder(outcomes -> outcomes.stream().map(o -> true).toList());
        recorder.close();
        assertThatThrownBy(() -> recorder.record(outcome("M-LATE"))).isInstanceOf(IllegalStateException.class);
    }

    private static DispatchRecorder recorder(DispatchRecorder.BatchWriter writer) {
        // A linger long enough that outcomes handed over together share a batch.
        return new DispatchRecorder(
                writer,
                new DispatchRecorder.Settings(10, Duration.ofMillis(500), 100, Duration.ofSeconds(10)),
                n -> {});
    }

    private List<CompletableFuture<Boolean>> record(DispatchRecorder recorder, String... messageIds) {
        List<CompletableFuture<Boolean>> results = new ArrayList<>();
        for (String id : messageIds) {
            results.add(CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return recorder.record(outcome(id));
                        } catch (InterruptedException e) {
                            throw new CompletionException(e);
                        }
                    },
                    callers));
        }
        return results;
    }

    private static DispatchOutcome outcome(String messageId) {
        return new DispatchOutcome(
                "0b6c2f4e-6a51-4c1e-9d0e-5d8f3c2a1b7e",
                "rx-dispatch-1234563",
                messageId,
                PrescriptionStatus.DELIVERED,
                EventTypes.DISPATCHED,
                "{\"pharmacy_ncpdp_id\":\"1234563\",\"message_id\":\"" + messageId + "\"}");
    }

    private static List<String> ids(List<DispatchOutcome> outcomes) {
        return outcomes.stream().map(DispatchOutcome::messageId).toList();
    }
}
