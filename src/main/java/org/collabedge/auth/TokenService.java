package org.collabedge.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.collabedge.host.SharedMap;
import org.collabedge.host.SharedState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one token service of the edge: issues an access and a refresh token per sign-in, verifies access tokens for
 * SIP, HTTP and XMPP, rotates refresh tokens, detects a reused refresh token (and then ends the whole sign-in), and
 * revokes. All state is in the host's shared maps, keyed by token hash, so every node verifies what any node issued.
 * Tokens are never logged.
 */
public final class TokenService implements TokenVerifier, TokenIssuer {

    static final String TOKENS = "identity.tokens";
    static final String FAMILIES = "identity.families";
    static final String SPENT_REFRESH = "identity.spent-refresh";
    static final String REVOKED = "identity.revoked-families";
    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);

    private final SharedMap<TokenRecord> tokens;
    private final SharedMap<TokenFamily> families;
    /** Hash of every refresh token already used, to its family: a second use is a stolen token being replayed. */
    private final SharedMap<String> spentRefresh;
    /** Sign-ins ended, kept as long as their tokens could live: a refresh racing the revocation checks it last. */
    private final SharedMap<Boolean> revoked;
    private final Supplier<IdentitySettings> settings;
    private final Clock clock;
    private final VerifiedTokenCache cache;

    /** @param localCacheTtl how long a node trusts a token it verified before re-reading the shared map */
    public TokenService(SharedState shared, Supplier<IdentitySettings> settings, Clock clock, Duration localCacheTtl) {
        this.tokens = shared.map(TOKENS);
        this.families = shared.map(FAMILIES);
        this.spentRefresh = shared.map(SPENT_REFRESH);
        this.revoked = shared.map(REVOKED);
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
        this.cache = new VerifiedTokenCache(localCacheTtl.toMillis(), 500_000);
    }

    @Override
    public IssuedTokens issue(String user, TokenSource source) {
        Objects.requireNonNull(user);
        Objects.requireNonNull(source);
        long now = clock.millis();
        IssuedTokens issued = store(OpaqueTokens.newId(), user, source, now, now);
        LOG.info("Issued edge tokens to {} after {} sign-in", user, source.name().toLowerCase());
        return issued;
    }

    @Override
    public Optional<VerifiedToken> verify(String token, TokenUse use) {
        if (!OpaqueTokens.wellFormed(token)) {
            return Optional.empty();
        }
        byte[] digest = OpaqueTokens.digest(token);
        DigestKey key = DigestKey.of(digest);
        long now = clock.millis();
        VerifiedTokenCache.Entry e = cache.fresh(key, now);
        if (e == null) {
            long generation = cache.generation();
            Optional<TokenRecord> r = tokens.get(OpaqueTokens.encode(digest));
            if (r.isEmpty() || r.get().refresh()) {
                return Optional.empty();
            }
            e = cache.remember(key, r.get(), now, generation);
        }
        long limit = e.expiresAtMillis();
        if (use == TokenUse.SIP) {
            limit += settings.get().sipTokenExtraTtlSeconds() * 1000L;
        }
        return now < limit ? Optional.of(e.token()) : Optional.empty();
    }

    /** What a refresh token says (holder, source), when it is one; for checks before refreshing. */
    public Optional<TokenRecord> refreshTokenRecord(String refreshToken) {
        if (!OpaqueTokens.wellFormed(refreshToken)) {
            return Optional.empty();
        }
        return tokens.get(OpaqueTokens.hash(refreshToken)).filter(TokenRecord::refresh);
    }

    /**
     * Exchanges a refresh token for new tokens of the same sign-in; the old pair stops working. Empty when the token
     * is unknown, expired or revoked. A refresh token presented a second time ends the whole sign-in: one of the two
     * presenters has a stolen copy, and we cannot tell which.
     */
    public Optional<IssuedTokens> refresh(String refreshToken) {
        if (!OpaqueTokens.wellFormed(refreshToken)) {
            return Optional.empty();
        }
        String hash = OpaqueTokens.hash(refreshToken);
        long now = clock.millis();
        Optional<TokenRecord> found = tokens.get(hash);
        if (found.isEmpty() || !found.get().refresh()) {
            spentRefresh.get(hash).ifPresent(family -> reuseDetected(family, null));
            return Optional.empty();
        }
        TokenRecord r = found.get();
        if (now >= r.expiresAtMillis()) {
            return Optional.empty();
        }
        Duration ttl = Duration.ofMillis(Math.max(1, r.expiresAtMillis() - now));
        if (!spentRefresh.putIfAbsent(hash, r.family(), ttl)) {
            reuseDetected(r.family(), r.user()); // another request, maybe on another node, used it first
            return Optional.empty();
        }
        Optional<TokenFamily> family = families.get(r.family()).filter(f -> hash.equals(f.refreshHash()));
        if (family.isEmpty()) {
            tokens.remove(hash);
            return Optional.empty();
        }
        forgetTokens(family.get());
        IssuedTokens issued = store(r.family(), r.user(), r.source(), family.get().signedInMillis(), now);
        if (revoked.get(r.family()).isPresent()) {
            // Revoked between the family check above and the store: the store must not bring the sign-in back.
            families.remove(r.family());
            tokens.remove(OpaqueTokens.hash(issued.accessToken()));
            tokens.remove(OpaqueTokens.hash(issued.refreshToken()));
            cache.forget(DigestKey.of(OpaqueTokens.digest(issued.accessToken())));
            return Optional.empty();
        }
        LOG.info("Refreshed edge tokens of {}", r.user());
        return Optional.of(issued);
    }

    /** Ends the sign-in a token (access or refresh) belongs to. True when there was one to end. */
    public boolean revokeToken(String token) {
        if (!OpaqueTokens.wellFormed(token)) {
            return false;
        }
        return tokens.get(OpaqueTokens.hash(token)).map(r -> revokeSignIn(r.family())).orElse(false);
    }

    /** Ends one sign-in, by its id as the token holders page shows it. */
    public boolean revokeSignIn(String familyId) {
        // Marked before the family is read and removed, so a refresh that stores after this read sees the mark.
        IdentitySettings s = settings.get();
        revoked.put(familyId, Boolean.TRUE, s.tokenLifetime().plus(s.sipExtra()));
        Optional<TokenFamily> f = families.get(familyId);
        if (f.isEmpty()) {
            return false;
        }
        families.remove(familyId);
        forgetTokens(f.get());
        LOG.info("Revoked a sign-in of {}", f.get().user());
        return true;
    }

    /** Ends every sign-in of a user; returns how many. */
    public int revokeUser(String user) {
        int n = 0;
        for (TokenFamily f : families.snapshot().values()) {
            if (f.user().equals(user) && revokeSignIn(f.id())) {
                n++;
            }
        }
        return n;
    }

    /** The current sign-ins, oldest first per user; {@code userFilter} (case-insensitive substring) may be null. */
    public List<TokenFamily> holders(String userFilter) {
        String filter = userFilter == null ? "" : userFilter.toLowerCase(java.util.Locale.ROOT);
        return families.snapshot().values().stream()
                .filter(f -> f.user().toLowerCase(java.util.Locale.ROOT).contains(filter))
                .sorted(Comparator.comparing(TokenFamily::user).thenComparing(TokenFamily::signedInMillis))
                .toList();
    }

    /** Number of current sign-ins, all nodes. */
    public int holderCount() {
        return families.size();
    }

    /** Drops expired tokens, sign-ins and spent markers from the shared maps and stale local entries. */
    public int purgeExpired() {
        int n = tokens.purgeExpired() + families.purgeExpired() + spentRefresh.purgeExpired() + revoked.purgeExpired();
        cache.purgeStale(clock.millis());
        return n;
    }

    private IssuedTokens store(String familyId, String user, TokenSource source, long signedIn, long now) {
        IdentitySettings s = settings.get();
        long expires = now + s.tokenLifetime().toMillis();
        // Kept past expiry only as long as SIP may still use it; expiry itself is checked on every verification.
        Duration keep = s.tokenLifetime().plus(s.sipExtra());
        String access = OpaqueTokens.generate();
        String refresh = OpaqueTokens.generate();
        String accessHash = OpaqueTokens.hash(access);
        String refreshHash = OpaqueTokens.hash(refresh);
        tokens.put(accessHash, new TokenRecord(user, familyId, false, source, now, expires), keep);
        tokens.put(refreshHash, new TokenRecord(user, familyId, true, source, now, expires), s.tokenLifetime());
        families.put(familyId, new TokenFamily(familyId, user, source, signedIn, now, expires, accessHash,
                refreshHash), keep);
        return new IssuedTokens(access, refresh, Instant.ofEpochMilli(expires));
    }

    private void forgetTokens(TokenFamily f) {
        tokens.remove(f.accessHash());
        tokens.remove(f.refreshHash());
        cache.forget(DigestKey.ofEncoded(f.accessHash()));
    }

    private void reuseDetected(String familyId, String user) {
        Optional<TokenFamily> f = families.get(familyId);
        String who = user != null ? user : f.map(TokenFamily::user).orElse("an unknown user");
        LOG.warn("A refresh token of {} was used twice; ending that sign-in", who);
        revokeSignIn(familyId);
    }
}
