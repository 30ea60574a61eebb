package org.collabedge.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

import org.collabedge.host.UserDirectory.DirectoryUser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileUserDirectoryTest {

    @TempDir
    Path data;

    private FileUserDirectory users;

    @BeforeEach
    void addAlice() {
        users = new FileUserDirectory(data);
        users.put("alice", "alice-password".toCharArray(), "Alice Example", "alice@example.com");
    }

    @Test
    void theRightPasswordAuthenticates() {
        assertTrue(users.authenticate("alice", "alice-password".toCharArray()));
    }

    @Test
    void aWrongPasswordOrAnUnknownUserDoesNot() {
        assertFalse(users.authenticate("alice", "Alice-password".toCharArray()));
        assertFalse(users.authenticate("alice", new char[0]));
        assertFalse(users.authenticate("bob", "alice-password".toCharArray()));
    }

    @Test
    void withoutAUserFileNobodyAuthenticates() {
        FileUserDirectory empty = new FileUserDirectory(data.resolve("elsewhere"));

        assertFalse(empty.authenticate("alice", "alice-password".toCharArray()));
        assertEquals(Optional.empty(), empty.lookup("alice"));
    }

    @Test
    void lookupGivesTheDisplayNameAndEmail() {
        users.put("bob", "bob-password".toCharArray(), null, null);

        assertEquals(Optional.of(new DirectoryUser("alice", "Alice Example", "alice@example.com")),
                users.lookup("alice"));
        assertEquals(Optional.of(new DirectoryUser("bob", "bob", null)), users.lookup("bob"),
                "the name defaults to the user name");
        assertEquals(Optional.empty(), users.lookup("carol"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Alice", "-alice", ".alice", "al ice", "alice@example.com", "al/ice", "al:ice",
            "älice", "alice\n"})
    void invalidUserNamesAreRefused(String name) {
        assertFalse(FileUserDirectory.isValidUsername(name));
        assertThrows(IllegalArgumentException.class, () -> users.put(name, "password".toCharArray(), null, null));
        assertFalse(users.authenticate(name, "alice-password".toCharArray()));
        assertEquals(Optional.empty(), users.lookup(name));
    }

    @Test
    void userNamesHaveAtMost64Characters() {
        assertTrue(FileUserDirectory.isValidUsername("a".repeat(64)));
        assertFalse(FileUserDirectory.isValidUsername("a".repeat(65)));
        assertFalse(FileUserDirectory.isValidUsername(null));
        assertTrue(FileUserDirectory.isValidUsername("first.last_2-x"));
    }

    @Test
    void aPropertyKeyTrickDoesNotAuthenticate() {
        // "alice.password" would make the key user.alice.password.password; it must not reach alice's hash.
        assertFalse(users.authenticate("alice.password", "alice-password".toCharArray()));
    }

    @Test
    void theFileStoresHashesNotPasswords() throws IOException {
        String content = Files.readString(data.resolve("users.properties"));

        assertFalse(content.contains("alice-password"), content);
        assertTrue(content.contains("user.alice.password=pbkdf2-sha256$"), content);
    }

    @Test
    void theFileIsReadableByTheOwnerOnly() throws IOException {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));

        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("users.properties"))));
    }

    @Test
    void editsOfTheFileArePickedUpWithoutARestart() throws IOException {
        assertFalse(users.authenticate("bob", "bob-password".toCharArray()), "read once before the edit");
        Path file = data.resolve("users.properties");
        FileTime before = Files.getLastModifiedTime(file);
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        p.setProperty("user.bob.password", PasswordHasher.hash("bob-password".toCharArray()));
        p.remove("user.alice.password");
        try (var out = Files.newBufferedWriter(file)) {
            p.store(out, "edited by hand");
        }
        // File systems with coarse timestamps could give the edit the same time; make it visibly newer.
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 2_000));

        assertTrue(users.authenticate("bob", "bob-password".toCharArray()));
        assertFalse(users.authenticate("alice", "alice-password".toCharArray()), "alice was removed");
        assertEquals(Optional.empty(), users.lookup("alice"));
    }

    @Test
    void putReplacesAPasswordAndKeepsOtherUsers() {
        users.put("bob", "bob-password".toCharArray(), null, null);

        users.put("alice", "new-alice-password".toCharArray(), null, null);

        assertTrue(users.authenticate("alice", "new-alice-password".toCharArray()));
        assertFalse(users.authenticate("alice", "alice-password".toCharArray()));
        assertTrue(users.authenticate("bob", "bob-password".toCharArray()));
        assertEquals("Alice Example", users.lookup("alice").orElseThrow().displayName(),
                "a null name keeps the one on file");
        assertTrue(new FileUserDirectory(data).authenticate("alice", "new-alice-password".toCharArray()));
    }
}
