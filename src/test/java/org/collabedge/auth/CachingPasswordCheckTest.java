package org.collabedge.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.collabedge.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** Credential caching: successful directory checks are remembered for the refresh interval, failures never. */
class CachingPasswordCheckTest {

    private final MutableClock clock = new MutableClock();
    private final Map<String, String> passwords = new ConcurrentHashMap<>(Map.of("alice", "s3cret", "sso@idp.example",
            "x"));
    private final AtomicInteger directoryCalls = new AtomicInteger();
    private final PasswordCheck directory = (user, pw) -> {
        directoryCalls.incrementAndGet();
        return new String(pw).equals(passwords.get(user));
    };
    private final AtomicReference<IdentitySettings> settings = new AtomicReference<>(IdentitySettings.defaults());
    private final SsoDomains sso = user -> user.endsWith("@idp.example");
    private final CachingPasswordCheck check = new CachingPasswordCheck(directory,
            passwords::containsKey, settings::get, () -> sso, clock);

    @Test
    void aSuccessfulCheckIsCachedForTheRefreshInterval() {
        assertTrue(check.check("alice", "s3cret".toCharArray()));
        assertTrue(check.check("alice", "s3cret".toCharArray()));
        assertEquals(1, directoryCalls.get(), "the second check was answered from the cache");
        assertEquals(1, check.hits());
        clock.advance(Duration.ofMinutes(480));
        assertTrue(check.check("alice", "s3cret".toCharArray()));
        assertEquals(2, directoryCalls.get(), "expired: the directory is asked again");
    }

    @Test
    void failuresAreNeverCachedAndAWrongPasswordIsNotAcceptedFromTheCache() {
        assertFalse(check.check("alice", "guess".toCharArray()));
        assertFalse(check.check("alice", "guess".toCharArray()));
        assertEquals(2, directoryCalls.get());
        assertEquals(0, check.size());
        assertTrue(check.check("alice", "s3cret".toCharArray()));
        assertFalse(check.check("alice", "guess".toCharArray()), "the cached hash does not match another password");
        assertEquals(4, directoryCalls.get());
    }

    @Test
    void aChangedPasswordOrAFailedCheckDropsTheCachedCheck() {
        assertTrue(check.check("alice", "s3cret".toCharArray()));
        passwords.put("alice", "n3w");
        assertTrue(check.check("alice", "n3w".toCharArray()), "a different password is a miss, not a refusal");
        assertEquals(1, check.size(), "the new password's check replaced the old one");
        assertFalse(check.check("alice", "s3cret".toCharArray()), "the old one asks the directory, which refuses");
        assertEquals(0, check.size(), "a refusal forgets the user: the account may have changed");
        assertTrue(check.check("alice", "n3w".toCharArray()));
        assertEquals(4, directoryCalls.get());
        check.invalidate("alice");
        assertTrue(check.check("alice", "n3w".toCharArray()));
        assertEquals(5, directoryCalls.get());
    }

    @Test
    void aUserWhoLeftTheDirectoryIsNotAnsweredFromTheCache() {
        assertTrue(check.check("alice", "s3cret".toCharArray()));
        passwords.remove("alice");
        assertFalse(check.check("alice", "s3cret".toCharArray()));
        assertEquals(2, directoryCalls.get());
    }

    @Test
    void ssoUsersAndDisabledCachingAlwaysAskTheDirectory() {
        assertTrue(check.check("sso@idp.example", "x".toCharArray()));
        assertTrue(check.check("sso@idp.example", "x".toCharArray()));
        assertEquals(2, directoryCalls.get());
        IdentitySettings d = IdentitySettings.defaults();
        settings.set(new IdentitySettings(d.ssoMode(), 480, 720, 0, true, false));
        assertTrue(check.check("alice", "s3cret".toCharArray()));
        assertTrue(check.check("alice", "s3cret".toCharArray()));
        assertEquals(4, directoryCalls.get());
        assertEquals(0, check.size());
    }

    @Test
    void theCleanupDropsExpiredEntriesOnly() {
        check.check("alice", "s3cret".toCharArray());
        clock.advance(Duration.ofMinutes(479));
        assertEquals(0, check.purgeExpired());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(1, check.purgeExpired());
        assertEquals(0, check.size());
    }

    @Test
    void emptyCredentialsAreRefusedWithoutAskingTheDirectory() {
        assertFalse(check.check("alice", new char[0]));
        assertFalse(check.check(null, "s3cret".toCharArray()));
        assertFalse(check.check("", "s3cret".toCharArray()));
        assertEquals(0, directoryCalls.get());
    }
}
