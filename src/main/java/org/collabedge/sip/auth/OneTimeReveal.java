package org.collabedge.sip.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds a secret that was just set or generated until the admin's next page view shows it, once. Only a random
 * handle travels in the redirect URL; the secret stays in this node's memory for at most {@link #LIFETIME} and is
 * forgotten when taken. A handle is bound to the admin session that created it, so it is useless to anyone else.
 */
public final class OneTimeReveal {

    static final Duration LIFETIME = Duration.ofMinutes(2);
    private static final int MAX_HELD = 100;

    /** A secret to show once, for one user. */
    public record Revealed(String user, char[] secret) {
    }

    private record Held(String owner, Revealed revealed, Instant expires) {
    }

    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public OneTimeReveal(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param owner who may take it (the admin session's id)
     * @return the handle to put in the redirect
     */
    public String hold(String owner, String user, char[] secret) {
        purge();
        if (held.size() >= MAX_HELD) {
            throw new IllegalStateException("too many secrets waiting to be shown; try again in a few minutes");
        }
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        held.put(handle, new Held(owner, new Revealed(user, secret.clone()), clock.instant().plus(LIFETIME)));
        return handle;
    }

    /** The secret behind a handle, once, for its owner; empty when unknown, taken, expired or someone else's. */
    public Optional<Revealed> take(String owner, String handle) {
        if (handle == null) {
            return Optional.empty();
        }
        Held h = held.get(handle);
        if (h == null || !h.owner().equals(owner) || !held.remove(handle, h)) {
            return Optional.empty();
        }
        return h.expires().isAfter(clock.instant()) ? Optional.of(h.revealed()) : Optional.empty();
    }

    int waiting() {
        purge();
        return held.size();
    }

    private void purge() {
        Instant now = clock.instant();
        held.values().removeIf(h -> !h.expires().isAfter(now));
    }
}
