package io.rxflow.hub.api;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run the Camel route of each request to {@code /api}, {@code /fhir} and
 * {@code /ncpdp}: camel-platform-http hands every request to an executor and answers when its route
 * is done. Bounded twice: at most {@code threads} routes run at once and at most {@code queue}
 * requests wait for a thread; a request beyond both is refused at once ({@link BusyRefusal}: 503 with
 * {@code Retry-After}) instead of waiting behind everything queued before it.
 *
 * <p>Without it the routes ran on Spring Boot's application task executor: 8 threads and an unbounded
 * queue, so intake never had more than 8 prescriptions in a group commit and an overload queued
 * without limit in front of the group commit's own bounded queue.
 */
public final class RouteWorkers implements AutoCloseable {
    private final ThreadPoolExecutor pool;

    /** {@code threads} at least 1; {@code queue} 0 for none: a request runs at once or is refused. */
    public RouteWorkers(int threads, int queue) {
        if (threads < 1 || queue < 0) {
            throw new IllegalArgumentException(
                    "rxflow.api.route-threads must be at least 1 and rxflow.api.route-queue at least 0, not " + threads
                            + " and " + queue);
        }
        BlockingQueue<Runnable> waiting = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
        this.pool = new ThreadPoolExecutor(
                threads, threads, 60, TimeUnit.SECONDS, waiting, named(), new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
    }

    /** Throws {@link java.util.concurrent.RejectedExecutionException} when every thread and queue slot is taken. */
    public Executor executor() {
        return pool;
    }

    /** The pool itself, for its metrics. */
    public ThreadPoolExecutor pool() {
        return pool;
    }

    /** Requests waiting for a thread. */
    public int queued() {
        return pool.getQueue().size();
    }

    /** Routes running now. */
    public int active() {
        return pool.getActiveCount();
    }

    /** Lets the routes running and queued finish (the server's graceful shutdown has drained the requests). */
    @Override
    public void close() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(20, TimeUnit.SECONDS);
    }

    private static ThreadFactory named() {
        AtomicInteger next = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "rx-http-" + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
