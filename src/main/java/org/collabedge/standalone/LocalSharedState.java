package org.collabedge.standalone;

import java.io.Serializable;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.collabedge.host.SharedCounters;
import org.collabedge.host.SharedLock;
import org.collabedge.host.SharedMap;
import org.collabedge.host.SharedState;

/**
 * Shared state for a single node: plain concurrent maps in this JVM. The same named map is returned on every call,
 * as a cluster-wide one would be.
 */
public final class LocalSharedState implements SharedState {

    private final Clock clock;
    private final ConcurrentMap<String, LocalSharedMap<?>> maps = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LocalCounters> counters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LocalLock> locks = new ConcurrentHashMap<>();

    public LocalSharedState(Clock clock) {
        this.clock = clock;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V extends Serializable> SharedMap<V> map(String name) {
        return (SharedMap<V>) maps.computeIfAbsent(name, n -> new LocalSharedMap<V>(clock));
    }

    @Override
    public SharedCounters counters(String name) {
        return counters.computeIfAbsent(name, n -> new LocalCounters(clock));
    }

    @Override
    public SharedLock lock(String name) {
        return locks.computeIfAbsent(name, n -> new LocalLock());
    }

    /** Sweeps expired entries from every map and counter set; the host calls it on a timer. */
    public int purgeExpired() {
        int purged = 0;
        for (LocalSharedMap<?> m : maps.values()) {
            purged += m.purgeExpired();
        }
        for (LocalCounters c : counters.values()) {
            purged += c.purgeExpired();
        }
        return purged;
    }
}
