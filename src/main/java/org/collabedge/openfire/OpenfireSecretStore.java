package org.collabedge.openfire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.collabedge.host.SecretStore;
import org.jivesoftware.util.JiveGlobals;

/**
 * Secrets as JiveGlobals properties {@code collabedge.secret.<id>.password}, each encrypted with AES-256-GCM under a
 * key kept in the property {@value #KEY_PROPERTY}. A value reads {@code v1:<Base64(12-byte random IV || ciphertext
 * || 16-byte tag)>}; the secret's id is bound in as additional authenticated data, so a ciphertext copied onto
 * another id does not decrypt. The key is 32 bytes from SecureRandom, created at the first put.
 *
 * <p><b>Hidden on the console.</b> Every property name here contains "password". Openfire's System Properties page
 * hides such values: in Openfire's source, {@code org.jivesoftware.admin.servlet.SystemPropertiesServlet}
 * (the servlet behind server-properties.jsp) builds each row with
 * {@code hidden = encrypted || JiveGlobals.isPropertySensitive(key)}, and {@code JiveGlobals.isPropertySensitive}
 * is true when the lower-cased name contains "passwd", "password" or "cookiekey". The older JSP page did the same
 * ({@code isPropertyEncrypted(n) || isPropertySensitive(n)} renders "hidden").
 *
 * <p><b>What this protects.</b> Secrets never sit in cleartext in ofProperty, in property-change events, in logs of
 * property values or on the console; a copy of the secret rows without the key row (a partial export, a leaked
 * query result or log line, a backup of selected properties) reveals nothing, and tampering with a value is
 * detected. <b>What it does not protect.</b> The key lives in the same table: whoever reads the whole ofProperty
 * table (a full database dump or backup, database credentials, anyone who can run SQL) can decrypt everything, as
 * can code running inside Openfire and Openfire administrators (the console hides values, but it is not access
 * control: the page's value search still matches hidden properties). Keeping the key outside the database, e.g.
 * with Openfire's own property encryption whose key is in conf/security.xml, would close the database-dump case;
 * {@code JiveGlobals.setProperty(name, value, encrypt)} is not in the API this plugin may call.
 *
 * <p>Cluster note: the key is created at the first put on whichever node does it; two nodes doing their first put
 * at the same instant could each create a key, and the secrets written under the losing key become unreadable
 * (get reports them as corrupt). Put one secret from one node before bringing the others up to avoid this.
 */
final class OpenfireSecretStore implements SecretStore {

    static final String PREFIX = "collabedge.secret.";
    static final String SUFFIX = ".password";
    static final String KEY_PROPERTY = "collabedge.secretstore.password";

    private static final String FORMAT = "v1:";
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MAX_NAME_LENGTH = 100;

    private final SecureRandom random = new SecureRandom();

    @Override
    public void put(String id, byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        JiveGlobals.setProperty(propertyName(id), encrypt(id, secret, key(true)));
    }

    @Override
    public Optional<byte[]> get(String id) {
        String stored = JiveGlobals.getProperty(propertyName(id));
        if (stored == null) {
            return Optional.empty();
        }
        return Optional.of(decrypt(id, stored, key(false)));
    }

    @Override
    public void delete(String id) {
        JiveGlobals.deleteProperty(propertyName(id));
    }

    @Override
    public boolean contains(String id) {
        return JiveGlobals.getProperty(propertyName(id)) != null;
    }

    /** {@code collabedge.secret.<escaped id>.password}; over-long ids are replaced by a hash of the id. */
    static String propertyName(String id) {
        String name = PREFIX + PropertyNames.escape(id) + SUFFIX;
        if (name.length() <= MAX_NAME_LENGTH) {
            return name;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return PREFIX + "h-" + HexFormat.of().formatHex(hash, 0, 20) + SUFFIX;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private synchronized byte[] key(boolean createIfMissing) {
        String encoded = JiveGlobals.getProperty(KEY_PROPERTY);
        if (encoded == null) {
            if (!createIfMissing) {
                throw new IllegalStateException(
                        "Secret store key " + KEY_PROPERTY + " is missing: secrets cannot be read");
            }
            byte[] key = new byte[KEY_BYTES];
            random.nextBytes(key);
            encoded = Base64.getEncoder().encodeToString(key);
            JiveGlobals.setProperty(KEY_PROPERTY, encoded);
            return key;
        }
        byte[] key = Base64.getDecoder().decode(encoded);
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException("Secret store key " + KEY_PROPERTY + " is not a 256-bit key");
        }
        return key;
    }

    private String encrypt(String id, byte[] secret, byte[] key) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, iv, id);
            byte[] sealed = cipher.doFinal(secret);
            byte[] out = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
            return FORMAT + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encrypting secret " + id + " failed", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] decrypt(String id, String stored, byte[] key) {
        try {
            if (!stored.startsWith(FORMAT)) {
                throw new IllegalStateException("Secret " + id + " is not in a format this version reads");
            }
            byte[] in = Base64.getDecoder().decode(stored.substring(FORMAT.length()));
            if (in.length < IV_BYTES + TAG_BITS / 8) {
                throw new IllegalStateException("Secret " + id + " is truncated");
            }
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(in, IV_BYTES), id);
            return cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Secret " + id + " cannot be decrypted (wrong key or tampered value)", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] iv, String id) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(CIPHER);
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(("collabedge.secret:" + id).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
