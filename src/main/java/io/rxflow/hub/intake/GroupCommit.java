package io.rxflow.hub.intake;

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
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit at intake ({@code rx-intake-store}): concurrent requests hand their commands to a
 * bounded queue; writer threads take whatever has gathered (up to {@code maxBatch}) and store it in
 * one transaction ({@link IntakeBatchWriter}); each request is answered only after the commit that
 * holds its command. While one batch commits the next one gathers, so batches grow with the load.
 * A failed batch is written again one command per transaction, so only a command that fails on its
 * own gets an error. A full queue is refused at once ({@link IntakeBusyException}, 503).
 */
public class GroupCommit implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** The tunables: batch size, how long a writer waits for a batch to fill, queue bound, writers, answer wait. */
    public record Settings(int maxBatch, Duration linger, int queueCapacity, int writers, Duration answerTimeout) {}

    /** Stores a batch in one transaction; one result per command, in order, or an exception and nothing stored. */
    @FunctionalInterface
    public interface BatchWriter {
        List<IntakeResult> write(List<IntakeCommand> commands);
    }

    private record Pending(IntakeCommand command, CompletableFuture<IntakeResult> answer) {}

    private final BatchWriter writer;
    private final Settings settings;
    private final BlockingQueue<Pending> queue;
    private final List<Thread> threads = new ArrayList<>();
    private final IntConsumer batchSizes;
    private volatile boolean open = true;

    public GroupCommit(BatchWriter writer, Settings settings, IntConsumer batchSizes) {
        this.writer = writer;
        this.settings = settings;
        this.batchSizes = batchSizes;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        for (int i = 0; i < settings.writers(); i++) {
            Thread t = new Thread(this::run, "rx-intake-writer-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    /** Stores the command with others arriving at the same time; returns once its transaction committed. */
    public IntakeResult store(@ExchangeProperty("rxCommand") IntakeCommand command) throws InterruptedException {
        var pending = new Pending(command, new CompletableFuture<>());
        if (!open || !queue.offer(pending)) {
            throw new IntakeBusyException("Intake is saturated; send the same request again later");
        }
        try {
            return pending.answer().get(settings.answerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            // Its transaction may still commit: the same request sent again gets it by its idempotency key.
            throw new IntakeBusyException(
                    "Intake did not commit within " + settings.answerTimeout() + "; send the same request again later");
        }
    }

    /** Commands waiting for a writer. */
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
                batch.forEach(p -> p.answer().completeExceptionally(t));
            } finally {
                batch.clear();
            }
        }
    }

    /** Takes what is waiting; with a linger, waits up to that long for the batch to fill. */
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
            List<IntakeResult> results =
                    writer.write(batch.stream().map(Pending::command).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).answer().complete(results.get(i));
            }
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).answer().completeExceptionally(e);
                return;
            }
            // The type only: an exception message may quote message content.
            log.warn("Intake batch of {} failed ({}); writing its commands one by one", batch.size(), e.getClass());
            for (Pending p : batch) {
                try {
                    p.answer().complete(writer.write(List.of(p.command())).get(0));
                } catch (RuntimeException one) {
                    p.answer().completeExceptionally(one);
                }
            }
        }
    }

    /** Refuses new commands, lets the writers store what is queued, then stops them. */
    @Override
    public void close() throws InterruptedException {
        open = false;
        for (Thread t : threads) {
            t.join(settings.answerTimeout().toMillis());
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.answer().completeExceptionally(new IntakeBusyException("The hub is stopping"));
        }
    }
}
