package org.collabedge.sip.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.collabedge.config.ExternalChanges;
import org.collabedge.config.RestartNotices;
import org.collabedge.config.ValidationException;
import org.collabedge.standalone.FileConfigStore;
import org.collabedge.standalone.FileSecretStore;
import org.collabedge.standalone.FileUserDirectory;
import org.collabedge.standalone.LocalSharedState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIP secrets: only for directory users, strong enough, stored under sip.secret.&lt;user&gt;, listed by name only. */
class SipSecretsTest {

    @TempDir
    Path dir;

    private FileSecretStore store;
    private SipSecrets secrets;
    private FileConfigStore config;
    private LocalSharedState shared;
    private FileUserDirectory users;
    private final ExternalChanges changes = new ExternalChanges();

    @BeforeEach
    void setUp() {
        store = new FileSecretStore(dir);
        users = new FileUserDirectory(dir);
        users.put("alice", "directory-Passw0rd".toCharArray(), "Alice", null);
        users.put("bob", "directory-Passw0rd".toCharArray(), "Bob", null);
        config = new FileConfigStore(dir.resolve("config"));
        shared = new LocalSharedState(Clock.systemUTC());
        secrets = node();
    }

    private SipSecrets node() {
        SipSecrets s = new SipSecrets(store, users, config, shared, new RestartNotices(), Clock.systemUTC());
        s.load(changes);
        return s;
    }

    @Test
    void anAdminChosenSecretIsStoredAsUtf8UnderTheUsersLowerCaseName() {
        assertEquals("alice", secrets.set("Alice", "Grüße-aus-Köln-7".toCharArray()));
        assertArrayEquals("Grüße-aus-Köln-7".getBytes(StandardCharsets.UTF_8),
                store.get("sip.secret.alice").orElseThrow());
        assertEquals("Grüße-aus-Köln-7", new String(secrets.secretOf("ALICE").orElseThrow()));
        assertTrue(secrets.has("alice"));
        assertEquals(List.of("alice"), node().holders(), "listed on every node");
    }

    @Test
    void weakSecretsAndUnknownUsersAreRefused() {
        assertEquals("error.secret.too_short", refusal("alice", "Short-1"));
        assertEquals("error.secret.too_simple", refusal("alice", "alllowercaseletters"));
        assertEquals("error.secret.contains_user", refusal("alice", "Alice-Secret-2024"));
        assertEquals("error.required", refusal("alice", ""));
        assertEquals("error.control_characters", refusal("alice", "Tab\tinside-Secret-1"));
        assertEquals(List.of(), SecretStrength.check("alice", "a long passphrase of words".toCharArray()),
                "twenty characters of one kind are enough");
        ValidationException unknown = assertThrows(ValidationException.class,
                () -> secrets.regenerate("mallory"));
        assertEquals("error.secret.unknown_user", unknown.errors().get(0).problemKey());
        assertFalse(store.contains("sip.secret.mallory"));
        assertFalse(secrets.has("alice"), "nothing stored for refused secrets");
    }

    private String refusal(String user, String secret) {
        return assertThrows(ValidationException.class, () -> secrets.set(user, secret.toCharArray()))
                .errors().get(0).problemKey();
    }

    @Test
    void regeneratedSecretsAreRandomUrlSafeAndLongEnough() {
        String first = new String(secrets.regenerate("bob"));
        String second = new String(secrets.regenerate("bob"));
        assertTrue(first.length() >= 24, first.length() + " characters");
        assertTrue(first.matches("[A-Za-z0-9_-]+"), "URL-safe");
        assertNotEquals(first, second);
        assertEquals(second, new String(secrets.secretOf("bob").orElseThrow()));
        assertEquals(List.of("bob"), secrets.holders(), "listed once");
    }

    @Test
    void deletingASecretEndsDigestForThatUser() {
        secrets.regenerate("alice");
        secrets.regenerate("bob");
        secrets.delete("ALICE");
        assertTrue(secrets.secretOf("alice").isEmpty());
        assertEquals(List.of("bob"), secrets.holders());
        assertThrows(ValidationException.class, () -> secrets.delete("alice"));
    }

    @Test
    void theExceptionMessageNeverCarriesTheSecret() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> secrets.set("alice", "alice-is-my-Secret-1".toCharArray()));
        assertFalse(e.getMessage().contains("is-my-Secret"), e.getMessage());
    }
}
