package org.collabedge.protection;

import java.net.InetAddress;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes failure reports off the listeners' request path: counting them needs shared counters, which in a clustered
 * Openfire are tasks on the senior member. A report is a lock-free enqueue; one thread drains the queue every
 * {@value #POLL_MILLIS} ms (no wake-up signal, which would cost the reporter a system call) and counts in order.
 * When it falls {@value #CAPACITY} reports behind, further reports are dropped and counted as dropped rather than
 * slowing every listener down (a flood that large has long tripped its threshold).
 */
final class FailureQueue implements SecurityEvents {

    private static final Logger LOG = LoggerFactory.getLogger(FailureQueue.class);
    static final int CAPACITY = 10_000;
    static final long POLL_MILLIS = 5;

    private final SecurityEvents counter;
    private final ProtectionMetrics metrics;
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private volatile Thread worker;

    FailureQueue(SecurityEvents counter, ProtectionMetrics metrics) {
        this.counter = counter;
        this.metrics = metrics;
    }

    synchronized void start() {
        if (worker != null) {
            return;
        }
        Thread t = new Thread(this::drainUntilStopped, "collabedge-protection-events");
        t.setDaemon(true);
        worker = t;
        t.start();
    }

    synchronized void stop() {
        Thread t = worker;
        worker = null;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        queue.clear();
        queued.set(0);
    }

    @Override
    public void failure(FailureCategory category, InetAddress source, String user) {
        metrics.failure(category);
        if (worker == null) {
            return; // stopped: nothing counts any more
        }
        if (queued.incrementAndGet() > CAPACITY) {
            queued.decrementAndGet();
            metrics.dropped();
            if (dropped.getAndIncrement() % 1000 == 0) {
                LOG.warn("Failure reports are arriving faster than they can be counted; {} dropped so far",
                        dropped.get());
            }
            return;
        }
        queue.offer(() -> counter.failure(category, source, user));
    }

    long dropped() {
        return dropped.get();
    }

    /** Waits until every report made before the call has been counted (for tests and the benchmark). */
    void flush() {
        if (worker == null) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        queued.incrementAndGet(); // a marker, allowed beyond the capacity
        queue.offer(done::countDown);
        try {
            if (!done.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("failure reports were not counted in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drainUntilStopped() {
        Thread self = Thread.currentThread();
        while (worker == self) {
            Runnable r;
            while (worker == self && (r = queue.poll()) != null) {
                queued.decrementAndGet();
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.warn("Could not count a failure", e);
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
        }
    }
}
