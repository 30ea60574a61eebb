package org.collabedge.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.collabedge.host.SharedCounters;
import org.collabedge.testing.MutableClock;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The standalone host's shared counters: running totals in a window fixed at creation, reset, exact sums under
 * concurrent adds.
 */
class LocalSharedCountersTest {

    @AutoClose
    private final SharedStateFixture fixture = new SharedStateFixture();
    private final MutableClock clock = fixture.clock;
    private final LocalSharedState state = fixture.state;
    private final ExecutorService pool = fixture.pool;

    private final SharedCounters counters = state.counters("sip-requests");

    @Test
    void addAndGetReturnsTheRunningTotal() {
        assertEquals(0, counters.get("192.0.2.1"));
        assertEquals(1, counters.addAndGet("192.0.2.1", 1, Duration.ofMinutes(1)));
        assertEquals(6, counters.addAndGet("192.0.2.1", 5, Duration.ofMinutes(1)));
        assertEquals(4, counters.addAndGet("192.0.2.1", -2, Duration.ofMinutes(1)));
        assertEquals(4, counters.get("192.0.2.1"));
        assertEquals(0, counters.get("192.0.2.2"), "counters are per key");
    }

    @Test
    void theWindowRunsFromCreationAndLaterAddsDoNotExtendIt() {
        counters.addAndGet("ip", 1, Duration.ofSeconds(60));
        clock.advance(Duration.ofSeconds(50));
        assertEquals(2, counters.addAndGet("ip", 1, Duration.ofSeconds(60)));

        clock.advance(Duration.ofSeconds(10));
        assertEquals(0, counters.get("ip"), "60 s after creation the window is over");
        assertEquals(1, counters.addAndGet("ip", 1, Duration.ofSeconds(60)), "a new window starts at delta");

        clock.advance(Duration.ofSeconds(59));
        assertEquals(1, counters.get("ip"));
    }

    @Test
    void aZeroTimeToLiveLastsForEver() {
        counters.addAndGet("total", 3, Duration.ZERO);
        clock.advance(Duration.ofDays(1000));

        assertEquals(3, counters.get("total"));
    }

    @Test
    void resetRemovesTheCounter() {
        counters.addAndGet("ip", 7, Duration.ofMinutes(1));

        counters.reset("ip");

        assertEquals(0, counters.get("ip"));
        assertEquals(1, counters.addAndGet("ip", 1, Duration.ofMinutes(1)));
    }

    @Test
    void concurrentAddsSumExactly() throws Exception {
        int threads = 8;
        int adds = 10_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit((Callable<Void>) () -> {
                go.await();
                for (int i = 0; i < adds; i++) {
                    counters.addAndGet("hot", 1, Duration.ofHours(1));
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }

        assertEquals((long) threads * adds, counters.get("hot"));
    }
}
