package org.collabedge.openfire;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.collabedge.host.SharedLock;
import org.jivesoftware.util.cache.Cache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SharedLock} as a lease: an entry in {@code collabedge-locks} whose payload names the owner (this node's
 * id, a token of this plugin instance, and the thread) and which expires after {@link #LEASE}. Taking it is an
 * atomic putIfAbsent (also granted when the calling thread already holds it, renewing the lease: not counted, so
 * one unlock releases it); releasing it is an atomic remove-if-owner. A holder that keeps the lock longer than the
 * lease loses it, and a crashed node's locks free themselves when their lease runs out.
 */
final class OpenfireLock implements SharedLock {

    static final Duration LEASE = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(OpenfireLock.class);
    private static final long MIN_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final String name;
    private final String cacheName;
    private final Cache<String, byte[]> cache;
    private final Clock clock;
    private final AtomicExecutor atomics;
    private final String ownerPrefix;

    OpenfireLock(String name, String cacheName, Cache<String, byte[]> cache, Clock clock, AtomicExecutor atomics,
                 String ownerPrefix) {
        this.name = name;
        this.cacheName = cacheName;
        this.cache = cache;
        this.clock = clock;
        this.atomics = atomics;
        this.ownerPrefix = ownerPrefix;
    }

    @Override
    public boolean tryLock(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(0L, timeout.toNanos());
        long backoff = MIN_BACKOFF_NANOS;
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            long now = clock.millis();
            byte[] lease = SharedEntry.encode(SharedEntry.expiry(now, LEASE), owner());
            if (atomics.execute(new PutIfAbsentTask(cacheName, name, now, lease, true), cache)) {
                return true;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(backoff, remaining));
            backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
        }
    }

    @Override
    public void unlock() {
        long now = clock.millis();
        byte[] expected = SharedEntry.encode(SharedEntry.NEVER, owner());
        if (!atomics.execute(new RemoveIfPayloadTask(cacheName, name, now, expected), cache)) {
            LOG.warn("Lock {} was not held by {} when released (its lease of {} may have run out)",
                    name, Thread.currentThread().getName(), LEASE);
        }
    }

    private byte[] owner() {
        return (ownerPrefix + "/" + Thread.currentThread().getId()).getBytes(StandardCharsets.UTF_8);
    }
}
