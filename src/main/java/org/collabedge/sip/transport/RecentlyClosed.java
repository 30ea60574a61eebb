package org.collabedge.sip.transport;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The keys (address, port, transport) of client connections a NIO listener accepted and that have closed lately. An
 * answer still on its way to such a client must not make the listener open a new connection to the client's source
 * port: behind NAT that reaches nothing (or someone else), it blocks the sending thread in connect, and the new
 * connection is one the listener never admitted or tracks. RFC 5923/5626: a client is reached over its own
 * connection only. Bounded in size and time; the oldest entries go first.
 */
final class RecentlyClosed {

    /** Longer than a transaction's life over TCP (Timer H/J, 2xx retransmissions: 32 s). */
    static final Duration KEEP = Duration.ofMinutes(2);
    static final int MAX_ENTRIES = 65_536;

    private final LongSupplier nanoTime;
    private final Map<String, Long> closedAt = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    RecentlyClosed(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    synchronized void add(String key) {
        closedAt.remove(key); // re-inserted at the young end
        closedAt.put(key, nanoTime.getAsLong());
    }

    /** A new connection from the same address and port is open again: it is no longer closed. */
    synchronized void reopened(String key) {
        closedAt.remove(key);
    }

    synchronized boolean contains(String key) {
        Long at = closedAt.get(key);
        if (at == null) {
            return false;
        }
        if (nanoTime.getAsLong() - at > KEEP.toNanos()) {
            closedAt.remove(key);
            return false;
        }
        return true;
    }
}
