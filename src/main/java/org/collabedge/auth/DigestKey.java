package org.collabedge.auth;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * A token's SHA-256 as four longs: the local verification cache's key. Cheaper on the hot path than the base64 text
 * the shared state uses (no encoding, one small object), and the digest is uniformly random, so its first bits are a
 * perfect hash code.
 */
record DigestKey(long a, long b, long c, long d) {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    static DigestKey of(byte[] digest) {
        return new DigestKey((long) LONGS.get(digest, 0), (long) LONGS.get(digest, 8),
                (long) LONGS.get(digest, 16), (long) LONGS.get(digest, 24));
    }

    /** From the base64url text a shared-state key holds. */
    static DigestKey ofEncoded(String hash) {
        return of(Base64.getUrlDecoder().decode(hash));
    }

    @Override
    public int hashCode() {
        return (int) a;
    }
}
