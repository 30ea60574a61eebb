package org.collabedge.sip.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

import org.collabedge.config.DocumentCodec;
import org.collabedge.config.ExternalChanges;
import org.collabedge.config.FieldError;
import org.collabedge.config.RestartNotices;
import org.collabedge.config.SharedDocument;
import org.collabedge.config.ValidationException;
import org.collabedge.host.ConfigStore;
import org.collabedge.host.SecretStore;
import org.collabedge.host.SharedState;
import org.collabedge.host.UserDirectory;

/**
 * Per-user SIP secrets in the host's secret store under {@code sip.secret.<user>} (UTF-8, user name in lower case).
 * Only users the directory knows can get one; the admin chooses one of minimum strength or has a random one generated,
 * and sees it once through {@link #reveals()}. Digest authentication at the edge reads them through
 * {@link SipSecretLookup}.
 */
public final class SipSecrets implements SipSecretLookup, AutoCloseable {

    public static final String PREFIX = "sip.secret.";
    /** 24 random bytes: 32 URL-safe characters, 192 bits. */
    static final int GENERATED_BYTES = 24;

    private final SecretStore store;
    private final UserDirectory users;
    private final SharedDocument<SecretHolders> holders;
    private final OneTimeReveal reveals;
    private final SecureRandom random = new SecureRandom();
    private ExternalChanges.Subscription subscription = ExternalChanges.Subscription.NONE;

    public SipSecrets(SecretStore store, UserDirectory users, ConfigStore config, SharedState shared,
                      RestartNotices restartNotices, Clock clock) {
        this.store = store;
        this.users = users;
        this.holders = new SharedDocument<>(SecretHolders.DOCUMENT, new DocumentCodec<>(SecretHolders.class, 1),
                SecretHolders::none, config, shared, restartNotices);
        this.reveals = new OneTimeReveal(clock);
    }

    /** Reads who has a secret and follows other nodes' changes. */
    public void load(ExternalChanges externalChanges) {
        holders.load();
        subscription = externalChanges.subscribe(holders);
    }

    @Override
    public void close() {
        subscription.close();
    }

    /** The store entry for a user's secret. */
    public static String secretId(String user) {
        return PREFIX + normalise(user);
    }

    @Override
    public Optional<char[]> secretOf(String user) {
        if (user == null || user.isBlank()) {
            return Optional.empty();
        }
        return store.get(secretId(user)).map(SipSecrets::decode);
    }

    public boolean has(String user) {
        return user != null && !user.isBlank() && store.contains(secretId(user));
    }

    /** Users with a secret, sorted. */
    public List<String> holders() {
        return holders.current().users();
    }

    /** Where a just-set secret waits to be shown to the admin once. */
    public OneTimeReveal reveals() {
        return reveals;
    }

    /**
     * Stores an admin-chosen secret after checking the user exists and the secret is strong enough.
     *
     * @return the user name as stored (lower case)
     */
    public String set(String user, char[] secret) {
        String u = requireDirectoryUser(user);
        List<FieldError> problems = SecretStrength.check(u, secret);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        store(u, secret);
        return u;
    }

    /** Replaces the user's secret with a random one and returns it, to be shown once. */
    public char[] regenerate(String user) {
        String u = requireDirectoryUser(user);
        byte[] bytes = new byte[GENERATED_BYTES];
        random.nextBytes(bytes);
        char[] secret = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
        store(u, secret);
        return secret;
    }

    /** Removes a user's secret; digest authentication fails for that user from now on. */
    public void delete(String user) {
        String u = normalise(user);
        if (u.isEmpty() || !store.contains(secretId(u)) && !holders().contains(u)) {
            throw new ValidationException(new FieldError("secret.user", "error.not_found", user));
        }
        store.delete(secretId(u));
        holders.change(h -> new SecretHolders(h.users().stream().filter(x -> !x.equals(u)).toList()));
    }

    private void store(String user, char[] secret) {
        byte[] bytes = encode(secret);
        try {
            store.put(secretId(user), bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        holders.change(h -> {
            TreeSet<String> all = new TreeSet<>(h.users());
            all.add(user);
            return new SecretHolders(List.copyOf(all));
        });
    }

    private String requireDirectoryUser(String user) {
        String u = normalise(user);
        if (u.isEmpty()) {
            throw new ValidationException(new FieldError("secret.user", "error.required"));
        }
        if (users.lookup(u).isEmpty()) {
            throw new ValidationException(new FieldError("secret.user", "error.secret.unknown_user", u));
        }
        return u;
    }

    private static String normalise(String user) {
        return user == null ? "" : user.trim().toLowerCase(Locale.ROOT);
    }

    private static byte[] encode(char[] secret) {
        ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        Arrays.fill(b.array(), (byte) 0);
        return bytes;
    }

    private static char[] decode(byte[] bytes) {
        CharBuffer c = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
        char[] chars = new char[c.remaining()];
        c.get(chars);
        Arrays.fill(bytes, (byte) 0);
        return chars;
    }
}
