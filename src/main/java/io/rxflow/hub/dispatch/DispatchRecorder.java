package io.rxflow.hub.dispatch;

import io.rxflow.hub.eventstore.DispatchOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of delivery outcomes ({@code rx-dispatch-record}): every dispatch consumer (of every
 * pharmacy) and the replies route hand their outcome to one bounded queue; a writer thread takes
 * whatever has gathered (up to {@code maxBatch}) and records it in one transaction
 * ({@link OutcomeBatchWriter}). Each caller returns only after the commit that holds its outcome, so
 * the Kafka offset of a message is committed only once its outcome is: a crash before the commit
 * leaves the message to be read again, and since its MessageID travels in the record's headers the
 * pharmacy gets at most a re-send of the same MessageID. A failed batch is written again one outcome
 * per transaction, so only an outcome that fails on its own fails its delivery (and is retried).
 */
public class DispatchRecorder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DispatchRecorder.class);

    /** Batch size, how long the writer waits for a batch to fill, queue bound, and the caller's longest wait. */
    public record Settings(int maxBatch, Duration linger, int queueCapacity, Duration answerTimeout) {}

    /** Records a batch in one transaction: per outcome, whether it was recorded now; or an exception and nothing. */
    @FunctionalInterface
    public interface BatchWriter {
        List<Boolean> write(List<DispatchOutcome> outcomes);
    }

    private record Pending(DispatchOutcome outcome, CompletableFuture<Boolean> recorded) {}

    private final BatchWriter writer;
    private final Settings settings;
    private final IntConsumer batchSizes;
    private final BlockingQueue<Pending> queue;
    private final Thread thread;
    private volatile boolean open = true;

    public DispatchRecorder(BatchWriter writer, Settings settings, IntConsumer batchSizes) {
        this.writer = writer;
        this.settings = settings;
        this.batchSizes = batchSizes;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.thread = new Thread(this::run, "rx-dispatch-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Records the outcome with others arriving at the same time; returns once its transaction committed:
     * {@code true} when recorded now, {@code null} when another delivery of the same message was recorded
     * first (nothing written). Throws when its transaction failed: nothing of it is stored.
     */
    public Boolean record(@Body DispatchOutcome outcome) throws InterruptedException {
        var pending = new Pending(outcome, new CompletableFuture<>());
        // A full queue waits (back-pressure on the consumers) rather than failing a delivery already made.
        if (!open || !queue.offer(pending, settings.answerTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("The dispatch recorder is stopping or saturated; the delivery is retried");
        }
        try {
            return pending.recorded().get(settings.answerTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    ? Boolean.TRUE
                    : null;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            // Its transaction may still commit: a retry finds the message recorded and writes nothing twice.
            throw new IllegalStateException("The outcome was not committed within " + settings.answerTimeout(), e);
        }
    }

    /** Outcomes waiting for the writer. */
    public int waiting() {
        return queue.size();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(settings.maxBatch());
        while (open || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                gather(batch);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable t) {
                batch.forEach(p -> p.recorded().completeExceptionally(t));
            } finally {
                batch.clear();
            }
        }
    }

    private void gather(List<Pending> batch) throws InterruptedException {
        queue.drainTo(batch, settings.maxBatch() - batch.size());
        long deadline = System.nanoTime() + settings.linger().toNanos();
        while (batch.size() < settings.maxBatch() && System.nanoTime() < deadline) {
            Pending next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, settings.maxBatch() - batch.size());
        }
    }

    private void write(List<Pending> batch) {
        batchSizes.accept(batch.size());
        try {
            List<Boolean> results =
                    writer.write(batch.stream().map(Pending::outcome).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).recorded().complete(results.get(i));
            }
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).recorded().completeExceptionally(e);
                return;
            }
            // The type only: an exception message may quote message content.
            log.warn("Dispatch outcome batch of {} failed ({}); recording one by one", batch.size(), e.getClass());
            for (Pending p : batch) {
                try {
                    p.recorded().complete(writer.write(List.of(p.outcome())).get(0));
                } catch (RuntimeException one) {
                    p.recorded().completeExceptionally(one);
                }
            }
        }
    }

    /** Refuses new outcomes, lets the writer record what is queued, then stops it. */
    @Override
    public void close() throws InterruptedException {
        open = false;
        thread.join(settings.answerTimeout().toMillis());
        Pending left;
        while ((left = queue.poll()) != null) {
            left.recorded().completeExceptionally(new IllegalStateException("The hub is stopping"));
        }
    }
}
