package org.collabedge.openfire;

import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;

import org.jivesoftware.util.cache.Cache;

/** Removes a live entry only when its payload is the expected one (a lease released by its owner). */
public final class RemoveIfPayloadTask extends AtomicCacheTask<Boolean> {

    private byte[] expected;

    /** For deserialization on the senior member. */
    public RemoveIfPayloadTask() {
    }

    /** @param expected an encoded entry whose payload is compared; its expiry is ignored */
    RemoveIfPayloadTask(String cacheName, String key, long now, byte[] expected) {
        super(cacheName, key, now);
        this.expected = expected;
    }

    @Override
    protected Boolean apply(Cache<String, byte[]> cache, String key, long now) {
        byte[] existing = cache.get(key);
        if (!SharedEntry.isLive(existing, now) || !SharedEntry.samePayload(existing, expected)) {
            return Boolean.FALSE;
        }
        cache.remove(key);
        return Boolean.TRUE;
    }

    @Override
    protected void writeArguments(ObjectOutput out) throws IOException {
        writeBytes(out, expected);
    }

    @Override
    protected void readArguments(ObjectInput in) throws IOException {
        expected = readBytes(in);
    }
}
