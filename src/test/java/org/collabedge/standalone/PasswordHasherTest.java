package org.collabedge.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {

    private static String hash;

    @BeforeAll
    static void hashOnce() {
        hash = PasswordHasher.hash("s3cret passwörd".toCharArray());
    }

    @Test
    void theRightPasswordVerifies() {
        assertTrue(PasswordHasher.verify("s3cret passwörd".toCharArray(), hash));
    }

    @Test
    void anyOtherPasswordDoesNot() {
        assertFalse(PasswordHasher.verify("s3cret passwörD".toCharArray(), hash));
        assertFalse(PasswordHasher.verify("s3cret passwörd ".toCharArray(), hash));
        assertFalse(PasswordHasher.verify("s3cret".toCharArray(), hash));
        assertFalse(PasswordHasher.verify(new char[0], hash));
    }

    @Test
    void theHashNamesItsAlgorithmIterationsSaltAndValue() {
        String[] parts = hash.split("\\$");

        assertEquals(4, parts.length, hash);
        assertEquals("pbkdf2-sha256", parts[0]);
        assertTrue(Integer.parseInt(parts[1]) >= 210_000, "OWASP's PBKDF2-SHA256 minimum");
        assertFalse(hash.contains("s3cret"));
    }

    @Test
    void eachHashHasItsOwnSalt() {
        String again = PasswordHasher.hash("s3cret passwörd".toCharArray());

        assertNotEquals(hash, again);
        assertNotEquals(hash.split("\\$")[2], again.split("\\$")[2]);
        assertTrue(PasswordHasher.verify("s3cret passwörd".toCharArray(), again));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "pbkdf2-sha256", "pbkdf2-sha256$210000$c2FsdA",
            "pbkdf2-sha256$210000$c2FsdA$aGFzaA$extra", "md5$210000$c2FsdA$aGFzaA",
            "pbkdf2-sha256$many$c2FsdA$aGFzaA", "pbkdf2-sha256$0$c2FsdA$aGFzaA", "pbkdf2-sha256$-5$c2FsdA$aGFzaA",
            "pbkdf2-sha256$1000$not*base64$aGFzaA", "pbkdf2-sha256$1000$c2FsdA$not*base64",
            "pbkdf2-sha256$1000$$aGFzaA"})
    void malformedHashesAreFalseNotErrors(String stored) {
        assertFalse(PasswordHasher.verify("password".toCharArray(), stored));
    }

    @Test
    void noStoredHashIsFalse() {
        assertFalse(PasswordHasher.verify("password".toCharArray(), null));
    }

    @Test
    void theIterationCountTravelsWithTheHashAndIsPartOfWhatIsChecked() {
        String[] parts = hash.split("\\$");

        assertFalse(PasswordHasher.verify("s3cret passwörd".toCharArray(),
                parts[0] + "$1000$" + parts[2] + "$" + parts[3]));
    }

    @Test
    void randomPasswordsAreLongAndAvoidLookAlikes() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String p = PasswordHasher.randomPassword();
            assertEquals(20, p.length());
            assertTrue(p.chars().allMatch(Character::isLetterOrDigit), p);
            assertTrue(p.chars().noneMatch(c -> "0O1lI".indexOf(c) >= 0), p);
            seen.add(p);
        }
        assertEquals(200, seen.size());
    }

    @Test
    void wipeClearsAPasswordArray() {
        char[] password = "secret".toCharArray();

        PasswordHasher.wipe(password);

        assertTrue(Arrays.equals(new char[6], password));
        PasswordHasher.wipe(null);
    }
}
