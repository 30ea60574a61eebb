package org.collabedge.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Edge tokens are opaque: 256 random bits in base64url (43 characters). Only the SHA-256 of a token is ever stored or
 * used as a key, so a copy of the shared state or a heap of keys cannot be replayed. A full-entropy token needs no
 * salt or slow hash: SHA-256 of 256 random bits cannot be inverted, and one digest is cheap enough for the hot path.
 */
public final class OpaqueTokens {

    /** Characters of a token: 32 bytes in unpadded base64url. */
    public static final int LENGTH = 43;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    });

    private OpaqueTokens() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** A random identifier for a sign-in (not a secret: shown on the token holders page). */
    public static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** True when the text can be a token at all; anything else is refused before hashing. */
    public static boolean wellFormed(String token) {
        if (token == null || token.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = token.charAt(i);
            if (c >= 128 || !BASE64URL[c]) {
                return false;
            }
        }
        return true;
    }

    /** The key a token is stored under: SHA-256 in base64url. */
    public static String hash(String token) {
        return encode(digest(token));
    }

    /** SHA-256 of the token's characters. */
    static byte[] digest(String token) {
        return SHA256.get().digest(token.getBytes(StandardCharsets.US_ASCII));
    }

    /** A digest as the base64url text the shared state uses for keys. */
    static String encode(byte[] digest) {
        return ENCODER.encodeToString(digest);
    }

    private static final boolean[] BASE64URL = new boolean[128];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            BASE64URL[c] = true;
            BASE64URL[Character.toLowerCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            BASE64URL[c] = true;
        }
        BASE64URL['-'] = true;
        BASE64URL['_'] = true;
    }
}
