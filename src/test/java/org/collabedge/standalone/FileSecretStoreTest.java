package org.collabedge.standalone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSecretStoreTest {

    private static final String ID = "internal-server.cucm.password";
    private static final String SECRET = "Correct-Horse-Battery-Staple";

    @TempDir
    Path data;

    @Test
    void storesAndReturnsASecret() {
        FileSecretStore store = new FileSecretStore(data);
        assertEquals(Optional.empty(), store.get(ID));
        assertFalse(store.contains(ID));

        store.put(ID, bytes(SECRET));

        assertTrue(store.contains(ID));
        assertEquals(SECRET, text(store.get(ID).orElseThrow()));
    }

    @Test
    void binarySecretsSurviveUnchanged() {
        FileSecretStore store = new FileSecretStore(data);
        byte[] key = new byte[256];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }

        store.put("edge.private-key", key);

        assertArrayEquals(key, new FileSecretStore(data).get("edge.private-key").orElseThrow());
    }

    @Test
    void secretsPersistForTheNextInstance() {
        new FileSecretStore(data).put(ID, bytes(SECRET));

        FileSecretStore reopened = new FileSecretStore(data);

        assertEquals(SECRET, text(reopened.get(ID).orElseThrow()));
    }

    @Test
    void deleteRemovesTheSecretForGood() {
        FileSecretStore store = new FileSecretStore(data);
        store.put(ID, bytes(SECRET));
        store.put("other", bytes("keep me"));

        store.delete(ID);
        store.delete("never-there");

        assertFalse(store.contains(ID));
        FileSecretStore reopened = new FileSecretStore(data);
        assertFalse(reopened.contains(ID));
        assertEquals("keep me", text(reopened.get("other").orElseThrow()));
    }

    @Test
    void theFileOnDiskNeverHoldsThePlaintext() throws IOException {
        FileSecretStore store = new FileSecretStore(data);
        store.put(ID, bytes(SECRET));
        store.put("second", bytes(SECRET));

        String content = Files.readString(data.resolve("secrets.properties"));
        assertFalse(content.contains(SECRET), content);
        assertFalse(content.contains(Base64.getEncoder().encodeToString(bytes(SECRET))), "nor merely encoded");
        assertTrue(content.contains(ID), "ids are not secret");

        Properties p = new Properties();
        p.load(new java.io.StringReader(content));
        assertNotEquals(p.getProperty(ID), p.getProperty("second"), "a fresh IV for every value");
    }

    @Test
    void bothFilesAreReadableByTheOwnerOnly() throws IOException {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        new FileSecretStore(data).put(ID, bytes(SECRET));

        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("secrets.properties"))));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("secrets.key"))));
    }

    @Test
    void noTemporaryFileIsLeftBehind() throws IOException {
        FileSecretStore store = new FileSecretStore(data);
        store.put(ID, bytes(SECRET));
        store.put(ID, bytes("changed"));

        try (var files = Files.list(data)) {
            assertEquals(java.util.List.of("secrets.key", "secrets.properties"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aWrongKeyFileMakesGetFailWithoutRevealingTheSecret() throws IOException {
        new FileSecretStore(data).put(ID, bytes(SECRET));
        byte[] otherKey = new byte[32];
        otherKey[0] = 42;
        Files.writeString(data.resolve("secrets.key"), Base64.getEncoder().encodeToString(otherKey) + "\n");

        FileSecretStore withWrongKey = new FileSecretStore(data);

        assertTrue(withWrongKey.contains(ID));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> withWrongKey.get(ID));
        assertTrue(e.getMessage().contains(ID), "says which secret: " + e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertEquals(null, e.getCause(), "no cause that could carry key or value material");
    }

    @Test
    void aTamperedValueIsRefused() throws IOException {
        new FileSecretStore(data).put(ID, bytes(SECRET));
        Path file = data.resolve("secrets.properties");
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        byte[] sealed = Base64.getDecoder().decode(p.getProperty(ID).substring("v1:".length()));
        sealed[sealed.length - 1] ^= 1;
        p.setProperty(ID, "v1:" + Base64.getEncoder().encodeToString(sealed));
        try (var out = Files.newBufferedWriter(file)) {
            p.store(out, null);
        }

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new FileSecretStore(data).get(ID));
        assertFalse(e.getMessage().contains(SECRET));
    }

    @Test
    void aKeyFileOfTheWrongSizeIsRefusedAtStart() throws IOException {
        Files.writeString(data.resolve("secrets.key"), Base64.getEncoder().encodeToString(new byte[16]));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new FileSecretStore(data));
        assertTrue(e.getMessage().contains("256-bit"), e.getMessage());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
