package org.collabedge.openfire;

import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.util.concurrent.locks.ReentrantLock;

import org.jivesoftware.util.cache.Cache;
import org.jivesoftware.util.cache.ClusterTask;

/**
 * A read-modify-write on one shared cache that must be atomic across the cluster. Openfire's caches offer no atomic
 * compare-and-set we may call, so every such operation runs in one JVM, the senior member's (see
 * {@link AtomicExecutor}), under {@link #JVM_LOCK}: operations from all nodes are serialised there.
 *
 * <p>Sent to the senior with CacheFactory#doSynchronousClusterTask, so it is Externalizable with a public no-argument
 * constructor in every subclass, and carries the caller's clock reading ({@code now}) so that expiry is judged
 * by the caller's clock, as reads are. Results are Boolean, Long or Integer: never null, so a null answer from the
 * cluster means the task did not run.
 */
abstract class AtomicCacheTask<V> implements ClusterTask<V> {

    /** Serialises every atomic operation that runs in this JVM, local or sent by another node. */
    static final ReentrantLock JVM_LOCK = new ReentrantLock();

    private String cacheName;
    private String key;
    private long now;
    private transient V result;

    /** For deserialization. */
    protected AtomicCacheTask() {
    }

    protected AtomicCacheTask(String cacheName, String key, long now) {
        this.cacheName = cacheName;
        this.key = key;
        this.now = now;
    }

    /** The operation itself; runs under {@link #JVM_LOCK}. */
    protected abstract V apply(Cache<String, byte[]> cache, String key, long now);

    protected abstract void writeArguments(ObjectOutput out) throws IOException;

    protected abstract void readArguments(ObjectInput in) throws IOException;

    /** Runs the operation against a cache this JVM already holds. */
    final V applyLocked(Cache<String, byte[]> cache) {
        JVM_LOCK.lock();
        try {
            return apply(cache, key, now);
        } finally {
            JVM_LOCK.unlock();
        }
    }

    /** Runs on the senior member when another node sent the task. */
    @Override
    public final void run() {
        result = applyLocked(SharedCaches.open(cacheName));
    }

    @Override
    public final V getResult() {
        return result;
    }

    final String cacheName() {
        return cacheName;
    }

    final String key() {
        return key;
    }

    @Override
    public final void writeExternal(ObjectOutput out) throws IOException {
        out.writeUTF(cacheName);
        out.writeUTF(key);
        out.writeLong(now);
        writeArguments(out);
    }

    @Override
    public final void readExternal(ObjectInput in) throws IOException {
        cacheName = in.readUTF();
        key = in.readUTF();
        now = in.readLong();
        readArguments(in);
    }

    static void writeBytes(ObjectOutput out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static byte[] readBytes(ObjectInput in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("negative length");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}
