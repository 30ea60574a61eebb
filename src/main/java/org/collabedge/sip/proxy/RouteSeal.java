package org.collabedge.sip.proxy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.collabedge.host.SecretStore;

/**
 * Seals header values the edge hides from outside clients (internal Via and Record-Route entries) into one opaque
 * URI or Via parameter: AES-256-GCM, so the client learns nothing from it and cannot forge one that routes elsewhere.
 * The key lives in the host's secret store, shared by every node, so any node can open what another sealed; when a
 * token does not open, the key is read again once (another node may have created it at the same moment).
 */
public final class RouteSeal {

    static final String KEY_ID = "sip.topology-hiding.key";
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretStore store;
    private volatile SecretKeySpec key;

    public RouteSeal(SecretStore store) {
        this.store = store;
        this.key = loadOrCreate();
    }

    private SecretKeySpec loadOrCreate() {
        Optional<byte[]> stored = store.get(KEY_ID);
        if (stored.isPresent() && stored.get().length == 32) {
            return new SecretKeySpec(stored.get(), "AES");
        }
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        store.put(KEY_ID, fresh);
        // Read back: if another node stored its key first, both use whichever the store kept.
        return new SecretKeySpec(store.get(KEY_ID).orElse(fresh), "AES");
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
            SecretKeySpec reread = loadOrCreate();
            if (!reread.equals(key)) {
                key = reread;
                out = open(token, reread);
            }
        }
        return out;
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
