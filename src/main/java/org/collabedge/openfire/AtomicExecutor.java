package org.collabedge.openfire;

import org.jivesoftware.util.cache.Cache;
import org.jivesoftware.util.cache.CacheFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link AtomicCacheTask}s where they are atomic: in this JVM when clustering is off or this node is the senior
 * member, otherwise on the senior member through CacheFactory#doSynchronousClusterTask. Either way the task runs
 * under the senior's {@link AtomicCacheTask#JVM_LOCK} against the clustered cache, so the senior is the single
 * point where all nodes' read-modify-writes are serialised.
 *
 * <p><b>Failover caveat.</b> Atomicity holds while every node agrees on who the senior is. When the senior leaves
 * (crash, shutdown, plugin reload on the senior, network split), there is a window in which tasks already running
 * on the old senior and tasks sent to the new one are not serialised with each other, and a split cluster has two
 * seniors. Operations in that window may, for example, both win a putIfAbsent or both take a lock. Leases bound the
 * damage for locks (they expire), counters may miss increments. A task whose senior does not answer (the Hazelcast
 * plugin answers null after its execution timeout, 30 s by default) is retried once against the then-current senior
 * before the caller gets an IllegalStateException; a task that timed out may still have run, so the retry can apply
 * it twice (a counter added to twice). Services that need stronger guarantees must tolerate duplicates (idempotent
 * writes keyed by call or registration id).
 */
final class AtomicExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicExecutor.class);
    private static final int ATTEMPTS = 2;

    private final ClusterView cluster;

    AtomicExecutor(ClusterView cluster) {
        this.cluster = cluster;
    }

    /** True when this node runs atomic operations itself (and should run the periodic purge). */
    boolean coordinatesLocally() {
        return cluster.coordinatesLocally();
    }

    /**
     * Runs the task atomically and answers its result.
     *
     * @param localCache the cache this node holds under the task's cache name, used when the task runs here
     */
    @SuppressWarnings("unchecked")
    <V> V execute(AtomicCacheTask<V> task, Cache<String, byte[]> localCache) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (cluster.coordinatesLocally()) {
                return task.applyLocked(localCache);
            }
            Object result = null;
            byte[] senior = cluster.seniorNodeId();
            try {
                // null when the task failed or timed out; IllegalStateException when the node is gone.
                result = senior == null ? null : CacheFactory.doSynchronousClusterTask(task, senior);
            } catch (IllegalStateException e) {
                LOG.debug("Sending {} to the senior member failed", task.getClass().getSimpleName(), e);
            }
            if (result != null) {
                return (V) result;
            }
            LOG.warn("Senior cluster member did not run {} on cache {} (attempt {} of {})",
                    task.getClass().getSimpleName(), task.cacheName(), attempt, ATTEMPTS);
            cluster.invalidate();
        }
        throw new IllegalStateException("No senior cluster member answered " + task.getClass().getSimpleName()
                + " on cache " + task.cacheName());
    }
}
