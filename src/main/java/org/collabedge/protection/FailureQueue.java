package org.collabedge.protection;

import java.net.InetAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes failure reports off the listeners' request path: counting them needs shared counters, which in a clustered
 * Openfire are tasks on the senior member. One thread counts them in order; when it falls
 * {@value #CAPACITY} reports behind, further reports are dropped and counted as dropped rather than slowing every
 * listener down (a flood that large has long tripped its threshold).
 */
final class FailureQueue implements SecurityEvents {

    private static final Logger LOG = LoggerFactory.getLogger(FailureQueue.class);
    static final int CAPACITY = 10_000;

    private final SecurityEvents counter;
    private final ProtectionMetrics metrics;
    private final AtomicLong dropped = new AtomicLong();
    private volatile ThreadPoolExecutor worker;

    FailureQueue(SecurityEvents counter, ProtectionMetrics metrics) {
        this.counter = counter;
        this.metrics = metrics;
    }

    void start() {
        worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(CAPACITY), r -> {
            Thread t = new Thread(r, "collabedge-protection-events");
            t.setDaemon(true);
            return t;
        });
    }

    void stop() {
        ThreadPoolExecutor w = worker;
        worker = null;
        if (w != null) {
            w.shutdownNow();
            try {
                w.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void failure(FailureCategory category, InetAddress source, String user) {
        metrics.failure(category);
        ThreadPoolExecutor w = worker;
        if (w == null) {
            return; // stopped: nothing counts any more
        }
        try {
            w.execute(() -> {
                try {
                    counter.failure(category, source, user);
                } catch (RuntimeException e) {
                    LOG.warn("Could not count a {} failure", category.key(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            metrics.dropped();
            if (dropped.getAndIncrement() % 1000 == 0) {
                LOG.warn("Failure reports are arriving faster than they can be counted; {} dropped so far",
                        dropped.get());
            }
        }
    }

    long dropped() {
        return dropped.get();
    }

    /** Waits until every report made before the call has been counted (for tests and the benchmark). */
    void flush() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            while (System.nanoTime() < deadline) {
                ThreadPoolExecutor w = worker;
                if (w == null) {
                    return;
                }
                try {
                    Future<?> done = w.submit(() -> { });
                    done.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    return;
                } catch (RejectedExecutionException full) {
                    Thread.sleep(1); // the queue is full: wait for room behind the reports already in it
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("failure reports were not counted in time", e);
        }
        throw new IllegalStateException("failure reports were not counted in time");
    }
}
