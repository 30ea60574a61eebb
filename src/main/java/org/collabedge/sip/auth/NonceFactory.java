package org.collabedge.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless nonces: issue time, a random salt and an HMAC over both and the realm, so any request can be checked
 * without storing challenges. The salt makes every nonce unique even within one millisecond, which the per-nonce
 * count memory ({@link NonceCounts}) relies on: two clients must never share a nonce and its counts. The key is random per running service: a restart makes outstanding nonces stale, and clients simply
 * answer the new challenge.
 */
public final class NonceFactory {

    /** How a nonce checks out. */
    public enum Verdict { VALID, STALE, FORGED }

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration lifetime;
    /** One keyed HMAC per thread: Mac.getInstance and init per nonce cost more than the HMAC itself. */
    private final ThreadLocal<Mac> macs;

    public NonceFactory(Clock clock, Duration lifetime) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
        this.clock = clock;
        this.lifetime = lifetime;
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(spec);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 missing from this JVM", e);
            }
        });
    }

    public String issue(String realm) {
        byte[] salt = new byte[9];
        random.nextBytes(salt);
        String stamp = Long.toString(clock.millis(), 36) + "." + Base64.getUrlEncoder().encodeToString(salt);
        return stamp + "." + mac(stamp, realm);
    }

    public Verdict check(String nonce, String realm) {
        int dot = nonce == null ? -1 : nonce.lastIndexOf('.');
        if (dot <= 0 || nonce.indexOf('.') == dot) {
            return Verdict.FORGED;
        }
        String stamp = nonce.substring(0, dot);
        String time = nonce.substring(0, nonce.indexOf('.'));
        byte[] expected = mac(stamp, realm).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, nonce.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.FORGED;
        }
        long issued;
        try {
            issued = Long.parseLong(time, 36);
        } catch (NumberFormatException e) {
            return Verdict.FORGED;
        }
        return clock.millis() - issued > lifetime.toMillis() ? Verdict.STALE : Verdict.VALID;
    }

    /** When a nonce (one {@link #check} did not call forged) was issued, epoch milliseconds. */
    public long issuedMillis(String nonce) {
        return Long.parseLong(nonce.substring(0, nonce.indexOf('.')), 36);
    }

    /** How long a nonce stays valid. */
    public Duration lifetime() {
        return lifetime;
    }

    private String mac(String stamp, String realm) {
        // doFinal resets the Mac, so the thread's instance is ready for the next nonce.
        byte[] out = macs.get().doFinal((stamp + ":" + realm).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }
}
