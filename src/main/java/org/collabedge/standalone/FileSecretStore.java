package org.collabedge.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.collabedge.host.SecretStore;

/**
 * Secrets in {@code <data>/secrets.properties}, each value AES-256-GCM encrypted under a key in
 * {@code <data>/secrets.key}; both files are readable by the owner only. This keeps secrets out of backups and
 * config diffs that leave out the key file; whoever can read both files can read the secrets.
 */
public final class FileSecretStore implements SecretStore {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Path file;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();
    private final TreeMap<String, String> sealed = new TreeMap<>();

    public FileSecretStore(Path dataDirectory) {
        this.file = dataDirectory.resolve("secrets.properties");
        this.key = new SecretKeySpec(loadOrCreateKey(dataDirectory.resolve("secrets.key")), "AES");
        load();
    }

    @Override
    public synchronized void put(String id, byte[] secret) {
        sealed.put(id, seal(secret));
        persist();
    }

    @Override
    public synchronized Optional<byte[]> get(String id) {
        String value = sealed.get(id);
        return value == null ? Optional.empty() : Optional.of(open(id, value));
    }

    @Override
    public synchronized void delete(String id) {
        if (sealed.remove(id) != null) {
            persist();
        }
    }

    @Override
    public synchronized boolean contains(String id) {
        return sealed.containsKey(id);
    }

    private String seal(byte[] secret) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] ct = cipher.doFinal(secret);
            return "v1:" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + ct.length)
                    .put(iv).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a secret", e);
        }
    }

    private byte[] open(String id, String value) {
        try {
            if (!value.startsWith("v1:")) {
                throw new IllegalStateException("secret " + id + " has an unknown format");
            }
            byte[] all = Base64.getDecoder().decode(value.substring(3));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            return cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // The id is not secret; the value and key never appear in the message.
            throw new IllegalStateException("secret " + id + " cannot be decrypted with this data directory's key");
        }
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        p.stringPropertyNames().forEach(k -> sealed.put(k, p.getProperty(k)));
    }

    private void persist() {
        StringBuilder out = new StringBuilder("# Collaboration Edge secrets, encrypted with secrets.key\n");
        Properties p = new Properties();
        p.putAll(sealed);
        try (var w = new java.io.StringWriter()) {
            p.store(w, null);
            out.append(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicFiles.write(file, out.toString(), true);
    }

    private byte[] loadOrCreateKey(Path keyFile) {
        try {
            if (Files.exists(keyFile)) {
                byte[] k = Base64.getDecoder().decode(Files.readString(keyFile).trim());
                if (k.length != 32) {
                    throw new IllegalStateException(keyFile + " does not hold a 256-bit key");
                }
                return k;
            }
            byte[] k = new byte[32];
            random.nextBytes(k);
            AtomicFiles.write(keyFile, Base64.getEncoder().encodeToString(k) + "\n", true);
            return k;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + keyFile, e);
        }
    }
}
