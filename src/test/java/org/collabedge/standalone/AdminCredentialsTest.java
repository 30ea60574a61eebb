package org.collabedge.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCredentialsTest {

    @TempDir
    Path data;

    @Test
    void theFirstStartGeneratesAPasswordToPrintOnce() throws IOException {
        AdminCredentials.Initialised first = AdminCredentials.initialise(data, null);

        String generated = first.generatedPassword();
        assertNotNull(generated, "shown at the first start");
        assertEquals(20, generated.length());
        assertTrue(first.credentials().check("admin", generated.toCharArray()));
        String file = Files.readString(data.resolve("admin.properties"));
        assertTrue(file.contains("admin.password.hash=pbkdf2-sha256$"), file);
        assertFalse(file.contains(generated), "only the hash is kept");

        AdminCredentials.Initialised second = AdminCredentials.initialise(data, null);
        assertNull(second.generatedPassword(), "never shown again");
        assertTrue(second.credentials().check("admin", generated.toCharArray()), "and still valid");
        assertEquals(file, Files.readString(data.resolve("admin.properties")), "the stored hash is untouched");
    }

    @Test
    void aConfiguredPasswordAtFirstStartIsUsedAndNothingIsGenerated() {
        AdminCredentials.Initialised first = AdminCredentials.initialise(data, "configured-pw");

        assertNull(first.generatedPassword());
        assertTrue(first.credentials().check("admin", "configured-pw".toCharArray()));
        assertTrue(AdminCredentials.initialise(data, null).credentials().check("admin",
                "configured-pw".toCharArray()), "it was stored");
    }

    @Test
    void aNewlyConfiguredPasswordReplacesTheStoredOne() throws IOException {
        String generated = AdminCredentials.initialise(data, null).generatedPassword();
        String hashBefore = Files.readString(data.resolve("admin.properties"));

        AdminCredentials.Initialised restarted = AdminCredentials.initialise(data, "new-admin-pw");

        assertNull(restarted.generatedPassword());
        assertTrue(restarted.credentials().check("admin", "new-admin-pw".toCharArray()));
        assertFalse(restarted.credentials().check("admin", generated.toCharArray()), "the old one is gone");
        assertNotEquals(hashBefore, Files.readString(data.resolve("admin.properties")));
        assertFalse(AdminCredentials.initialise(data, null).credentials().check("admin",
                generated.toCharArray()));
    }

    @Test
    void theSameConfiguredPasswordAtEveryStartDoesNotRewriteTheHash() throws IOException {
        AdminCredentials.initialise(data, "configured-pw");
        String stored = Files.readString(data.resolve("admin.properties"));

        AdminCredentials.Initialised again = AdminCredentials.initialise(data, "configured-pw");

        assertTrue(again.credentials().check("admin", "configured-pw".toCharArray()));
        assertEquals(stored, Files.readString(data.resolve("admin.properties")));
    }

    @Test
    void checkIsFalseForAnotherUserOrAWrongPassword() {
        AdminCredentials admin = AdminCredentials.initialise(data, "configured-pw").credentials();

        assertFalse(admin.check("root", "configured-pw".toCharArray()));
        assertFalse(admin.check("Admin", "configured-pw".toCharArray()));
        assertFalse(admin.check(null, "configured-pw".toCharArray()));
        assertFalse(admin.check("admin", "configured-PW".toCharArray()));
        assertFalse(admin.check("admin", new char[0]));
        assertEquals("admin", AdminCredentials.USERNAME);
    }

    @Test
    void setPasswordChangesItAtOnceAndOnDisk() {
        AdminCredentials admin = AdminCredentials.initialise(data, "configured-pw").credentials();

        admin.setPassword("changed-in-ui".toCharArray());

        assertTrue(admin.check("admin", "changed-in-ui".toCharArray()));
        assertFalse(admin.check("admin", "configured-pw".toCharArray()));
        assertTrue(AdminCredentials.initialise(data, null).credentials().check("admin",
                "changed-in-ui".toCharArray()));
    }

    @Test
    void theFileIsReadableByTheOwnerOnly() throws IOException {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        AdminCredentials.initialise(data, null);

        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("admin.properties"))));
    }
}
