package org.collabedge.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The seed's credential caching: a password the directory accepted is remembered for the "Credentials refresh
 * interval" so the next check of the same password need not ask the directory. Only a salted PBKDF2 hash is kept
 * (salt: random bytes plus the user name), never the password; a failed check is never cached and drops the
 * user's entry (the password may have changed), a user the directory no longer knows is not let in from the cache,
 * and {@link #invalidate} forgets a user whose sign-ins an admin revoked; users of SSO domains are never cached (the seed: these settings do
 * not apply to SSO). Entries live in this node's memory only, so no password hash crosses the cluster.
 */
public final class CachingPasswordCheck implements PasswordCheck {

    static final int ITERATIONS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Entry(byte[] salt, byte[] hash, long expiresAtMillis) {
    }

    private final PasswordCheck directory;
    private final Predicate<String> userExists;
    private final Supplier<IdentitySettings> settings;
    private final Supplier<SsoDomains> ssoDomains;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /**
     * @param userExists asked on every cache hit (a cheap directory look-up), so a deleted user is not let in from
     *                   the cache
     */
    public CachingPasswordCheck(PasswordCheck directory, Predicate<String> userExists,
                                Supplier<IdentitySettings> settings, Supplier<SsoDomains> ssoDomains, Clock clock) {
        this.directory = Objects.requireNonNull(directory);
        this.userExists = Objects.requireNonNull(userExists);
        this.settings = Objects.requireNonNull(settings);
        this.ssoDomains = Objects.requireNonNull(ssoDomains);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public boolean check(String user, char[] password) {
        if (user == null || user.isEmpty() || password == null || password.length == 0) {
            return false;
        }
        IdentitySettings s = settings.get();
        boolean cacheable = s.credentialCaching() && !ssoDomains.get().hasIdentityProvider(user);
        long now = clock.millis();
        if (cacheable) {
            Entry e = entries.get(user);
            if (e != null && now < e.expiresAtMillis()
                    && MessageDigest.isEqual(e.hash(), derive(user, password, e.salt())) && userExists.test(user)) {
                hits.increment();
                return true;
            }
        }
        misses.increment();
        boolean ok = directory.check(user, password);
        if (ok && cacheable) {
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            entries.put(user, new Entry(salt, derive(user, password, salt),
                    now + s.tokenLifetime().toMillis()));
        } else if (!ok) {
            entries.remove(user);
        }
        return ok;
    }

    /** Forgets a user's cached check (user changed, disabled, or all of the user's sign-ins revoked). */
    public void invalidate(String user) {
        entries.remove(user);
    }

    public void clear() {
        entries.clear();
    }

    /** Drops expired entries; returns how many went. */
    public int purgeExpired() {
        long now = clock.millis();
        int before = entries.size();
        entries.values().removeIf(e -> now >= e.expiresAtMillis());
        return Math.max(0, before - entries.size());
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    public int size() {
        return entries.size();
    }

    private static byte[] derive(String user, char[] password, byte[] randomSalt) {
        byte[] name = user.getBytes(StandardCharsets.UTF_8);
        byte[] salt = Arrays.copyOf(randomSalt, randomSalt.length + name.length);
        System.arraycopy(name, 0, salt, randomSalt.length, name.length);
        PBEKeySpec spec = new PBEKeySpec(password, salt, ITERATIONS, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }
}
