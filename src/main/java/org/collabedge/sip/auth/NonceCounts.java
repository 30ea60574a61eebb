package org.collabedge.sip.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The nonce counts (RFC 7616 3.4: {@code nc}) this node has accepted, per nonce, so a replayed request with a count
 * already seen is refused. Each nonce remembers its highest count and a 64-wide window below it, as IPsec's
 * anti-replay window does: requests sent in parallel may arrive out of order, only an exact repeat (or one too far
 * behind) is a replay. A nonce used without qop has no count and may be used once.
 *
 * <p>Node-local on purpose: {@link NonceFactory}'s HMAC key is random per running service, so a nonce is only ever
 * accepted by the node that issued it, and a shared map would cost a cluster round trip per authenticated request
 * for nothing. (Should nonces ever become valid cluster-wide, this memory has to move into shared state with them.)
 *
 * <p>Bounded: entries leave when their nonce's lifetime is over (an old nonce is stale anyway), and when the memory is
 * full the oldest entry goes and every nonce issued up to that one's time counts as stale from then on, so a forgotten
 * nonce can never be replayed; its client just answers a fresh challenge.
 */
public final class NonceCounts {

    /** What the memory says about a nonce count. */
    public enum Verdict { FRESH, REPLAYED, FORGOTTEN }

    private static final int WINDOW = 64;

    private final Clock clock;
    private final Duration lifetime;
    private final int capacity;
    private final LinkedHashMap<String, Seen> seen = new LinkedHashMap<>();
    /** Nonces issued at or before this time (epoch ms) and not remembered are treated as stale. */
    private long floor = Long.MIN_VALUE;

    private static final class Seen {
        final long issued;
        long highest;
        long window; // bit i set: highest - i was seen

        Seen(long issued) {
            this.issued = issued;
        }
    }

    public NonceCounts(Clock clock, Duration lifetime, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.clock = clock;
        this.lifetime = lifetime;
        this.capacity = capacity;
    }

    /**
     * Records one use of {@code nonce} (issued at {@code issuedMillis}) with nonce count {@code nc} (hex, as sent;
     * null without qop). Call only for a response that proved the secret, so nobody can spend others' counts.
     */
    public synchronized Verdict use(String nonce, long issuedMillis, String nc) {
        long count = nc == null ? 0 : parse(nc);
        if (count < 0 || (nc != null && count == 0)) {
            return Verdict.REPLAYED; // not a count a client can send: treat as a replay attempt
        }
        expire();
        Seen s = seen.get(nonce);
        if (s == null) {
            if (issuedMillis <= floor) {
                return Verdict.FORGOTTEN;
            }
            s = new Seen(issuedMillis);
            s.highest = count;
            s.window = 1;
            seen.put(nonce, s);
            evictOverCapacity();
            return Verdict.FRESH;
        }
        if (nc == null) {
            return Verdict.REPLAYED; // no count: one use only
        }
        if (count > s.highest) {
            long shift = count - s.highest;
            s.window = shift >= WINDOW ? 1 : (s.window << shift) | 1;
            s.highest = count;
            return Verdict.FRESH;
        }
        long behind = s.highest - count;
        if (behind >= WINDOW || (s.window & (1L << behind)) != 0) {
            return Verdict.REPLAYED;
        }
        s.window |= 1L << behind;
        return Verdict.FRESH;
    }

    /** Nonces remembered right now (for tests and metrics). */
    public synchronized int size() {
        expire();
        return seen.size();
    }

    private void expire() {
        long oldest = clock.millis() - lifetime.toMillis();
        Iterator<Map.Entry<String, Seen>> it = seen.entrySet().iterator();
        while (it.hasNext()) {
            if (it.next().getValue().issued >= oldest) {
                break; // insertion order follows issue order closely; the rest goes at a later call or by capacity
            }
            it.remove();
        }
    }

    private void evictOverCapacity() {
        Iterator<Map.Entry<String, Seen>> it = seen.entrySet().iterator();
        while (seen.size() > capacity && it.hasNext()) {
            floor = Math.max(floor, it.next().getValue().issued);
            it.remove();
        }
    }

    private static long parse(String nc) {
        if (nc.length() != 8) {
            return -1;
        }
        try {
            return Long.parseLong(nc, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
