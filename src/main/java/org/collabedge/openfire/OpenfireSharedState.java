package org.collabedge.openfire;

import java.io.Serializable;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.collabedge.host.SharedCounters;
import org.collabedge.host.SharedLock;
import org.collabedge.host.SharedMap;
import org.collabedge.host.SharedState;
import org.jivesoftware.openfire.cluster.ClusterManager;
import org.jivesoftware.util.cache.Cache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SharedState} on Openfire's CacheFactory: caches are cluster-wide when the Hazelcast plugin runs the
 * cluster, local otherwise. Atomic operations go through one {@link AtomicExecutor} (see its failover caveat).
 *
 * <p>Owns one daemon thread, {@value #PURGE_THREAD}, that sweeps expired entries every
 * {@value #PURGE_PERIOD_SECONDS} s on the node that coordinates (so a cluster sweeps once, not once per node), and
 * a cluster listener; {@link #close()} ends both.
 *
 * <p>Openfire itself swaps every cache between its local and clustered form when this node joins or leaves a
 * cluster (CacheFactory#joinedCluster / #leftCluster), and the entries of the side it leaves are not carried over:
 * state written before the clustering plugin started, or while a node was split off, is gone afterwards.
 */
final class OpenfireSharedState implements SharedState, AutoCloseable {

    static final String PURGE_THREAD = "collabedge-shared-state-purge";
    static final long PURGE_PERIOD_SECONDS = 30;

    private static final Logger LOG = LoggerFactory.getLogger(OpenfireSharedState.class);

    private final Clock clock;
    private final String ownerPrefix;
    private final ClusterView cluster = new ClusterView();
    private final AtomicExecutor atomics = new AtomicExecutor(cluster);
    private final Map<String, OpenfireSharedMap<?>> maps = new ConcurrentHashMap<>();
    private final Map<String, OpenfireCounters> counters = new ConcurrentHashMap<>();
    private final Map<String, Cache<String, byte[]>> caches = new ConcurrentHashMap<>();
    private final ScheduledExecutorService purger;
    private final List<Thread> purgeThreads = new CopyOnWriteArrayList<>();

    /** @param nodeId this node's id, part of every lock owner id */
    OpenfireSharedState(String nodeId, Clock clock) {
        this.clock = clock;
        // A token per plugin instance, so a reloaded plugin never inherits the leases of its predecessor's threads.
        this.ownerPrefix = nodeId + "/" + UUID.randomUUID();
        ClusterManager.addListener(cluster);
        try {
            cluster.refresh();
            purger = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, PURGE_THREAD);
                thread.setDaemon(true);
                purgeThreads.add(thread);
                return thread;
            });
            purger.scheduleWithFixedDelay(this::purgeAll, PURGE_PERIOD_SECONDS, PURGE_PERIOD_SECONDS,
                    TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            ClusterManager.removeListener(cluster);
            throw e;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V extends Serializable> SharedMap<V> map(String name) {
        String cacheName = SharedCaches.mapCache(name);
        return (SharedMap<V>) maps.computeIfAbsent(cacheName,
                n -> new OpenfireSharedMap<V>(n, cache(n), clock, atomics));
    }

    @Override
    public SharedCounters counters(String name) {
        String cacheName = SharedCaches.counterCache(name);
        return counters.computeIfAbsent(cacheName, n -> new OpenfireCounters(n, cache(n), clock, atomics));
    }

    @Override
    public SharedLock lock(String name) {
        String cacheName = SharedCaches.lockCache();
        return new OpenfireLock(name, cacheName, cache(cacheName), clock, atomics, ownerPrefix);
    }

    /** One sweep over every cache this node has opened; only the coordinating node sweeps. */
    void purgeAll() {
        if (!atomics.coordinatesLocally()) {
            return;
        }
        for (Map.Entry<String, Cache<String, byte[]>> entry : caches.entrySet()) {
            try {
                int purged = atomics.execute(new PurgeExpiredTask(entry.getKey(), clock.millis()), entry.getValue());
                if (purged > 0) {
                    LOG.debug("Purged {} expired entries from {}", purged, entry.getKey());
                }
            } catch (RuntimeException e) {
                LOG.warn("Purging {} failed", entry.getKey(), e);
            }
        }
    }

    private Cache<String, byte[]> cache(String cacheName) {
        return caches.computeIfAbsent(cacheName, SharedCaches::open);
    }

    @Override
    public void close() {
        purger.shutdownNow();
        try {
            if (!purger.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("{} did not stop within 5 s", PURGE_THREAD);
            }
            for (Thread thread : purgeThreads) {
                thread.join(TimeUnit.SECONDS.toMillis(5)); // a terminated pool's thread may still be exiting
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ClusterManager.removeListener(cluster);
        }
    }
}
