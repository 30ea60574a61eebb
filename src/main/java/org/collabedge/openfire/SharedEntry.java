package org.collabedge.openfire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;

/**
 * The value stored in every Collaboration Edge cache: a small holder of (expiresAtMillis, payload), kept in the cache
 * in its encoded form, a {@code byte[]} of 8 bytes of expiry followed by the payload.
 *
 * <p>Why bytes and not a Serializable holder object: in a non-clustered Openfire, CacheFactory's local caches keep
 * object references and outlive a plugin reload, so a holder class from this plugin's class loader would make the
 * reloaded plugin fail with ClassCastException and pin the old class loader in memory. The Hazelcast plugin warns
 * about exactly this ("An instance of ... that is loaded by a PluginClassLoader has been added to the cache. This will
 * cause issues when reloading the plugin", ClusteredCache#checkForPluginClassLoader); Openfire's own remedy,
 * createSerializingCache (OF-2239), is not in the API we may call. A {@code byte[]} is a JDK type: it survives reloads,
 * crosses nodes without class loading, and the cluster tasks can read the expiry without deserializing the payload.
 */
final class SharedEntry {

    /** Expiry stamp of an entry that never expires. */
    static final long NEVER = 0L;

    private static final int HEADER = Long.BYTES;

    private SharedEntry() {
    }

    /** Absolute expiry for an entry written at {@code nowMillis} that lives {@code ttl} (ZERO: never). */
    static long expiry(long nowMillis, Duration ttl) {
        if (ttl == null || ttl.isNegative()) {
            throw new IllegalArgumentException("time to live must be zero (forever) or positive: " + ttl);
        }
        if (ttl.isZero()) {
            return NEVER;
        }
        long millis = Math.max(1L, ttl.toMillis());
        long at = nowMillis + millis;
        return at < nowMillis ? Long.MAX_VALUE : at;
    }

    static byte[] encode(long expiresAtMillis, byte[] payload) {
        return ByteBuffer.allocate(HEADER + payload.length).putLong(expiresAtMillis).put(payload).array();
    }

    static long expiresAt(byte[] raw) {
        return ByteBuffer.wrap(raw, 0, HEADER).getLong();
    }

    static boolean isLive(byte[] raw, long nowMillis) {
        if (raw == null || raw.length < HEADER) {
            return false;
        }
        long at = expiresAt(raw);
        return at == NEVER || nowMillis < at;
    }

    static byte[] payload(byte[] raw) {
        return Arrays.copyOfRange(raw, HEADER, raw.length);
    }

    static boolean samePayload(byte[] raw, byte[] otherRaw) {
        return raw.length == otherRaw.length
                && Arrays.equals(raw, HEADER, raw.length, otherRaw, HEADER, otherRaw.length);
    }

    static byte[] ofLong(long expiresAtMillis, long value) {
        return ByteBuffer.allocate(HEADER + Long.BYTES).putLong(expiresAtMillis).putLong(value).array();
    }

    static long longValue(byte[] raw) {
        return ByteBuffer.wrap(raw, HEADER, Long.BYTES).getLong();
    }

    static byte[] serialize(Serializable value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("value is not serializable: " + value.getClass().getName(), e);
        }
        return bytes.toByteArray();
    }

    /** Reads a payload written by {@link #serialize}, resolving classes through this plugin's class loader. */
    @SuppressWarnings("unchecked")
    static <V extends Serializable> V deserialize(byte[] raw) {
        try (ObjectInputStream in = new PluginObjectInputStream(
                new ByteArrayInputStream(raw, HEADER, raw.length - HEADER))) {
            return (V) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("shared entry cannot be read: " + e.getMessage(), e);
        }
    }

    /** Resolves classes through the plugin's class loader, also when called from a cluster or timer thread. */
    private static final class PluginObjectInputStream extends ObjectInputStream {

        PluginObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, SharedEntry.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }
}
