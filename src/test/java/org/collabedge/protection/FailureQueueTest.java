package org.collabedge.protection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.collabedge.metrics.EdgeMetrics;
import org.junit.jupiter.api.Test;

/** Failure reports are counted off the listener's thread, and a counter that falls behind never slows listeners. */
class FailureQueueTest {

    @Test
    void aSlowCounterNeverBlocksTheReporterAndOverflowIsDroppedAndCounted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger counted = new AtomicInteger();
        EdgeMetrics registry = new EdgeMetrics();
        ProtectionMetrics metrics = new ProtectionMetrics(registry, () -> 0);
        FailureQueue queue = new FailureQueue((c, s, u) -> {
            try {
                release.await(10, TimeUnit.SECONDS); // as a cluster task stuck on a slow senior member
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            counted.incrementAndGet();
        }, metrics);
        queue.start();
        InetAddress source = InetAddress.getByName("203.0.113.1");
        long start = System.nanoTime();
        int reports = FailureQueue.CAPACITY + 500;
        for (int i = 0; i < reports; i++) {
            queue.failure(FailureCategory.SIP_PROTOCOL, source, null);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 2_000, "reporting took " + millis + " ms");
        assertTrue(queue.dropped() >= 499 && queue.dropped() <= 500, "dropped " + queue.dropped());
        assertEquals(reports, metrics.failures(FailureCategory.SIP_PROTOCOL), "every report is in the metrics");
        assertTrue(registry.scrape().contains("collabedge_protection_dropped_reports_total " + queue.dropped()
                + ".0"));

        release.countDown();
        queue.flush();
        assertEquals(reports - queue.dropped(), counted.get(), "everything queued was counted, in order");
        queue.stop();
        queue.failure(FailureCategory.SIP_PROTOCOL, source, null);
        assertEquals(reports - queue.dropped(), counted.get(), "nothing counts once stopped");
    }
}
