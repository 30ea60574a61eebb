package org.collabedge.sip.proxy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.collabedge.host.SecretStore;
import org.collabedge.host.SharedLock;
import org.collabedge.host.SharedState;

/**
 * Seals header values the edge hides from outside clients (internal Via and Record-Route entries) into one opaque
 * URI or Via parameter: AES-256-GCM, so the client learns nothing from it and cannot forge one that routes elsewhere.
 * The key lives in the host's secret store, shared by every node, so any node can open what another sealed. The
 * secret store has no put-if-absent, so the key is created under a cluster-wide lock (as SSO creates its SP key under
 * its document's lock): two nodes starting at the same moment cannot each store a different key. The same
 * key also authenticates plain flow tokens ({@link FlowToken}) through an HMAC under a key derived from it.
 */
public final class RouteSeal {

    static final String KEY_ID = "sip.topology-hiding.key";
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Bytes of HMAC-SHA256 kept in a tag: 128 bits, as GCM's. */
    private static final int MAC_BYTES = 16;
    /** Separates the MAC key from the AES key: one secret, two uses. */
    private static final byte[] MAC_LABEL = "collabedge sip flow token mac v1".getBytes(StandardCharsets.UTF_8);

    /** How long a starting node waits for another that is creating the key: a read and a write. */
    private static final Duration LOCK_WAIT = Duration.ofSeconds(10);

    private final SecretStore store;
    private final SharedLock creation;
    private volatile SecretKeySpec key;
    /** The MAC key derived from {@link #key}, with the key it came from. */
    private volatile SecretKeySpec[] derived;
    private static final long REREAD_INTERVAL_NANOS = 1_000_000_000L;
    private volatile long lastReread = System.nanoTime() - REREAD_INTERVAL_NANOS;

    /** @param shared the cluster's shared state, whose lock {@value #KEY_ID} guards the key's creation */
    public RouteSeal(SecretStore store, SharedState shared) {
        this.store = store;
        this.creation = shared.lock(KEY_ID);
        this.key = loadOrCreate();
    }

    private SecretKeySpec loadOrCreate() {
        Optional<SecretKeySpec> stored = load();
        return stored.isPresent() ? stored.get() : createOnce();
    }

    private Optional<SecretKeySpec> load() {
        return store.get(KEY_ID).filter(k -> k.length == 32).map(k -> new SecretKeySpec(k, "AES"));
    }

    /** Check and create under the lock, so only the first node to get it writes a key; the rest read that one. */
    private SecretKeySpec createOnce() {
        try {
            if (!creation.tryLock(LOCK_WAIT)) {
                throw new IllegalStateException("Timed out waiting for the cluster lock " + KEY_ID);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for the cluster lock " + KEY_ID, e);
        }
        try {
            Optional<SecretKeySpec> stored = load();
            if (stored.isPresent()) {
                return stored.get();
            }
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            store.put(KEY_ID, fresh);
            return new SecretKeySpec(fresh, "AES");
        } finally {
            creation.unlock();
        }
    }

    /** One token for a list of header values (none may contain a line break, which SIP headers never do). */
    public String seal(List<String> values) {
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = c.doFinal(String.join("\n", values).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** The values sealed in a token; empty when the token is damaged, forged or from another key. */
    public Optional<List<String>> open(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        Optional<List<String>> out = open(token, key);
        if (out.isEmpty()) {
            Optional<SecretKeySpec> changed = rereadKey();
            if (changed.isPresent()) {
                out = open(token, changed.get());
            }
        }
        return out;
    }

    /** A short authentication tag (URL-safe base64) of {@code text}, which every node holding the key can check. */
    public String tag(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(text, key));
    }

    /** Whether {@code tag} is this key's tag of {@code text}; false for any damaged, forged or foreign tag. */
    public boolean verify(String text, String tag) {
        if (text == null || tag == null || tag.isEmpty()) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(tag);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (given.length != MAC_BYTES) {
            return false;
        }
        if (java.security.MessageDigest.isEqual(given, mac(text, key))) {
            return true;
        }
        Optional<SecretKeySpec> changed = rereadKey();
        return changed.isPresent() && java.security.MessageDigest.isEqual(given, mac(text, changed.get()));
    }

    /**
     * The key as the store now holds it, when another node's differs from ours. At most once a second: forged tokens
     * arrive at the rate clients send them, and must not each cost a secret store read. Only reads: this runs on the
     * threads handling SIP messages, which must neither wait for the cluster lock nor, when the store briefly shows
     * no key (or fails), write a new one that would void every route set, contact and hidden route in the cluster.
     */
    private Optional<SecretKeySpec> rereadKey() {
        long now = System.nanoTime();
        if (now - lastReread < REREAD_INTERVAL_NANOS) {
            return Optional.empty();
        }
        lastReread = now;
        Optional<SecretKeySpec> reread;
        try {
            reread = load();
        } catch (RuntimeException e) {
            return Optional.empty(); // the store is unreadable now: keep the key we have
        }
        if (reread.isEmpty() || reread.get().equals(key)) {
            return Optional.empty();
        }
        key = reread.get();
        return reread;
    }

    private byte[] mac(String text, SecretKeySpec k) {
        try {
            SecretKeySpec[] d = derived;
            if (d == null || d[0] != k) {
                Mac derive = Mac.getInstance("HmacSHA256");
                derive.init(new SecretKeySpec(k.getEncoded(), "HmacSHA256"));
                d = new SecretKeySpec[] {k, new SecretKeySpec(derive.doFinal(MAC_LABEL), "HmacSHA256")};
                derived = d;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(d[1]);
            return java.util.Arrays.copyOf(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private static Optional<List<String>> open(String token, SecretKeySpec k) {
        try {
            byte[] all = Base64.getUrlDecoder().decode(token);
            if (all.length <= NONCE) {
                return Optional.empty();
            }
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(TAG_BITS, all, 0, NONCE));
            String plain = new String(c.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
            return Optional.of(plain.isEmpty() ? List.of() : List.of(plain.split("\n")));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }
}
