package org.collabedge.openfire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.jivesoftware.util.JiveGlobals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;
import org.mockito.Mockito;

class OpenfireSecretStoreTest {

    private static final byte[] SECRET = "Correct-Horse-Battery-Staple".getBytes(StandardCharsets.UTF_8);

    private MockedStatic<JiveGlobals> globals;
    private FakeProperties properties;
    private final OpenfireSecretStore store = new OpenfireSecretStore();

    @BeforeEach
    void setUp() {
        globals = Mockito.mockStatic(JiveGlobals.class);
        properties = new FakeProperties();
        properties.install(globals);
    }

    @AfterEach
    void tearDown() {
        globals.close();
    }

    @Test
    void secretsRoundTrip() {
        store.put("internal-server/cucm-1", SECRET);
        assertArrayEquals(SECRET, store.get("internal-server/cucm-1").orElseThrow());
        assertTrue(store.contains("internal-server/cucm-1"));
        assertEquals(Optional.empty(), store.get("other"));
        assertFalse(store.contains("other"));
    }

    @Test
    void storedValueIsVersionedCiphertextThatNeverContainsThePlaintext() {
        store.put("id", SECRET);
        String stored = properties.values.get(OpenfireSecretStore.propertyName("id"));
        String plain = new String(SECRET, StandardCharsets.UTF_8);

        assertTrue(stored.startsWith("v1:"));
        assertNotEquals(plain, stored);
        assertFalse(stored.contains(plain));
        assertFalse(stored.contains(Base64.getEncoder().encodeToString(SECRET)));
        byte[] decoded = Base64.getDecoder().decode(stored.substring(3));
        assertEquals(12 + SECRET.length + 16, decoded.length, "IV, ciphertext and GCM tag");
        assertFalse(new String(decoded, StandardCharsets.ISO_8859_1).contains(plain));
    }

    @Test
    void everyPropertyWrittenHasANameOpenfireHidesOnItsPropertiesPage() {
        store.put("a", SECRET);
        store.put("certificates.identity.key", SECRET);
        store.put("x".repeat(200), SECRET);
        assertFalse(properties.written.isEmpty());
        for (String name : properties.written) {
            assertTrue(name.endsWith("password"), name);
            assertTrue(name.length() <= 100, "ofProperty.name is VARCHAR(100): " + name);
            assertTrue(JiveGlobals.isPropertySensitive(name), name);
        }
        assertTrue(properties.written.contains(OpenfireSecretStore.KEY_PROPERTY));
    }

    @Test
    void theSameSecretEncryptsDifferentlyEachTime() {
        store.put("a", SECRET);
        String first = properties.values.get(OpenfireSecretStore.propertyName("a"));
        store.put("a", SECRET);
        String second = properties.values.get(OpenfireSecretStore.propertyName("a"));
        assertNotEquals(first, second, "a fresh IV per value");
    }

    @Test
    void theKeyIsCreatedOnceAsA256BitKey() {
        store.put("a", SECRET);
        String key = properties.values.get(OpenfireSecretStore.KEY_PROPERTY);
        store.put("b", SECRET);
        assertEquals(key, properties.values.get(OpenfireSecretStore.KEY_PROPERTY));
        assertEquals(32, Base64.getDecoder().decode(key).length);
        assertEquals(1, properties.written.stream().filter(OpenfireSecretStore.KEY_PROPERTY::equals).count());
    }

    @Test
    void tamperedOrMovedCiphertextIsRejected() {
        store.put("a", SECRET);
        store.put("b", "other".getBytes(StandardCharsets.UTF_8));
        String a = properties.values.get(OpenfireSecretStore.propertyName("a"));

        properties.values.put(OpenfireSecretStore.propertyName("b"), a);
        assertThrows(IllegalStateException.class, () -> store.get("b"), "ciphertext is bound to its id");

        byte[] raw = Base64.getDecoder().decode(a.substring(3));
        raw[raw.length - 1] ^= 1;
        properties.values.put(OpenfireSecretStore.propertyName("a"), "v1:" + Base64.getEncoder().encodeToString(raw));
        assertThrows(IllegalStateException.class, () -> store.get("a"));
    }

    @Test
    void aDifferentKeyCannotDecrypt() {
        store.put("a", SECRET);
        properties.values.put(OpenfireSecretStore.KEY_PROPERTY, Base64.getEncoder().encodeToString(new byte[32]));
        assertThrows(IllegalStateException.class, () -> store.get("a"));
    }

    @Test
    void deleteRemovesTheSecret() {
        store.put("a", SECRET);
        store.delete("a");
        assertFalse(store.contains("a"));
        assertEquals(Optional.empty(), store.get("a"));
    }
}
