package org.collabedge.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.collabedge.standalone.LocalSharedState;
import org.collabedge.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** Two nodes of a cluster sharing one state: what one issues, the other verifies, refreshes and revokes. */
class TokenServiceTest {

    private final MutableClock clock = new MutableClock();
    private final LocalSharedState shared = new LocalSharedState(clock);
    private final AtomicReference<IdentitySettings> settings = new AtomicReference<>(IdentitySettings.defaults());
    private final TokenService nodeA = node();
    private final TokenService nodeB = node();

    private TokenService node() {
        return new TokenService(shared, settings::get, clock, Duration.ofSeconds(1));
    }

    private void withSipExtra(int seconds) {
        IdentitySettings d = IdentitySettings.defaults();
        settings.set(new IdentitySettings(d.ssoMode(), d.credentialsRefreshMinutes(), d.credentialsCleanupMinutes(),
                seconds, d.checkInternalSsoAvailability(), d.credentialCaching()));
    }

    @Test
    void aTokenIssuedOnOneNodeIsVerifiedOnTheOther() {
        IssuedTokens t = nodeA.issue("alice", TokenSource.PASSWORD);
        VerifiedToken v = nodeB.verify(t.accessToken(), TokenUse.HTTP).orElseThrow();
        assertEquals("alice", v.user());
        assertEquals(TokenSource.PASSWORD, v.source());
        assertEquals(clock.instant().plus(Duration.ofMinutes(480)), v.expiresAt(), "lifetime: refresh interval");
        assertEquals(43, t.accessToken().length(), "256 bits in base64url");
        assertNotEquals(t.accessToken(), t.refreshToken());
    }

    @Test
    void onlyHashesOfTokensAreShared() {
        IssuedTokens t = nodeA.issue("alice", TokenSource.IDP);
        var stored = shared.<TokenRecord>map(TokenService.TOKENS).snapshot();
        assertEquals(2, stored.size());
        assertTrue(stored.containsKey(OpaqueTokens.hash(t.accessToken())));
        String everything = stored.toString() + shared.map(TokenService.FAMILIES).snapshot();
        assertFalse(everything.contains(t.accessToken()));
        assertFalse(everything.contains(t.refreshToken()));
    }

    @Test
    void refreshTokensAndGarbageAreNotAccessTokens() {
        IssuedTokens t = nodeA.issue("alice", TokenSource.PASSWORD);
        assertTrue(nodeA.verify(t.refreshToken(), TokenUse.HTTP).isEmpty());
        assertTrue(nodeA.verify(null, TokenUse.SIP).isEmpty());
        assertTrue(nodeA.verify("x".repeat(43), TokenUse.SIP).isEmpty());
        assertTrue(nodeA.verify(t.accessToken() + "=", TokenUse.SIP).isEmpty());
        assertTrue(nodeA.refresh(t.accessToken()).isEmpty(), "an access token cannot be refreshed");
    }

    @Test
    void aTokenExpiresAfterTheCredentialsRefreshInterval() {
        IssuedTokens t = nodeA.issue("alice", TokenSource.PASSWORD);
        clock.advance(Duration.ofMinutes(480).minusSeconds(1));
        assertTrue(nodeB.verify(t.accessToken(), TokenUse.XMPP).isPresent());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(nodeA.verify(t.accessToken(), TokenUse.XMPP).isEmpty(), "even from the local cache");
        assertTrue(nodeB.verify(t.accessToken(), TokenUse.SIP).isEmpty(), "no SIP extra time by default");
        assertTrue(nodeB.refresh(t.refreshToken()).isEmpty(), "too late to refresh: sign in again");
    }

    @Test
    void sipMayUseATokenForTheExtraTimeToLive() {
        withSipExtra(60);
        IssuedTokens t = nodeA.issue("alice", TokenSource.IDP);
        clock.advance(Duration.ofMinutes(480).plusSeconds(30));
        assertTrue(nodeB.verify(t.accessToken(), TokenUse.HTTP).isEmpty());
        assertTrue(nodeB.verify(t.accessToken(), TokenUse.SIP).isPresent(), "SIP: 30 s into the 60 s grace");
        clock.advance(Duration.ofSeconds(30));
        assertTrue(nodeB.verify(t.accessToken(), TokenUse.SIP).isEmpty());
    }

    @Test
    void refreshingRotatesBothTokensAndKeepsTheSignIn() {
        IssuedTokens first = nodeA.issue("alice", TokenSource.PASSWORD);
        clock.advance(Duration.ofMinutes(400));
        IssuedTokens second = nodeB.refresh(first.refreshToken()).orElseThrow();
        assertNotEquals(first.refreshToken(), second.refreshToken());
        assertEquals(clock.instant().plus(Duration.ofMinutes(480)), second.expiresAt());
        clock.advance(Duration.ofSeconds(2)); // past the local cache
        assertTrue(nodeA.verify(first.accessToken(), TokenUse.HTTP).isEmpty(), "the old access token ended");
        assertTrue(nodeA.verify(second.accessToken(), TokenUse.HTTP).isPresent());
        assertEquals(1, nodeA.holders(null).size(), "still one sign-in");
        assertEquals(clock.instant().minus(Duration.ofMinutes(400)).minusSeconds(2),
                nodeA.holders("alice").get(0).signedIn());
    }

    @Test
    void aRefreshTokenUsedTwiceEndsTheWholeSignIn() {
        IssuedTokens first = nodeA.issue("alice", TokenSource.PASSWORD);
        IssuedTokens second = nodeA.refresh(first.refreshToken()).orElseThrow();
        assertTrue(nodeB.refresh(first.refreshToken()).isEmpty(), "a replayed refresh token is refused");
        assertTrue(nodeB.verify(second.accessToken(), TokenUse.HTTP).isEmpty(), "and the thief's victim too");
        assertTrue(nodeA.refresh(second.refreshToken()).isEmpty());
        assertTrue(nodeA.holders(null).isEmpty());
    }

    @Test
    void revokingOneSignInOrAllOfAUsersIsSeenByEveryNode() {
        IssuedTokens a1 = nodeA.issue("alice", TokenSource.PASSWORD);
        IssuedTokens a2 = nodeA.issue("alice", TokenSource.IDP);
        IssuedTokens b1 = nodeA.issue("bob", TokenSource.PASSWORD);
        assertTrue(nodeB.verify(a1.accessToken(), TokenUse.HTTP).isPresent()); // now in B's local cache

        assertTrue(nodeA.revokeToken(a1.refreshToken()));
        assertTrue(nodeA.verify(a1.accessToken(), TokenUse.HTTP).isEmpty(), "at once on the revoking node");
        assertTrue(nodeB.verify(a1.accessToken(), TokenUse.HTTP).isPresent(), "B trusts its cache up to 1 s");
        clock.advance(Duration.ofMillis(1000));
        assertTrue(nodeB.verify(a1.accessToken(), TokenUse.HTTP).isEmpty(), "and then asks the shared state");

        assertEquals(1, nodeB.revokeUser("alice"));
        assertTrue(nodeA.verify(a2.accessToken(), TokenUse.SIP).isEmpty());
        assertTrue(nodeA.verify(b1.accessToken(), TokenUse.SIP).isPresent(), "bob keeps his");
        assertFalse(nodeA.revokeToken("not-a-token"));
    }

    @Test
    void holdersAreListedByUserAndFiltered() {
        nodeA.issue("carol", TokenSource.IDP);
        nodeA.issue("alice", TokenSource.PASSWORD);
        nodeB.issue("alice", TokenSource.IDP);
        assertEquals(java.util.List.of("alice", "alice", "carol"),
                nodeB.holders(null).stream().map(TokenFamily::user).toList());
        assertEquals(2, nodeB.holders("ALI").size());
        assertTrue(nodeB.holders("zed").isEmpty());
    }

    @Test
    void theCleanupRemovesOnlyExpiredEntries() {
        withSipExtra(60);
        nodeA.issue("alice", TokenSource.PASSWORD);
        IssuedTokens spent = nodeA.issue("bob", TokenSource.PASSWORD);
        nodeA.refresh(spent.refreshToken()).orElseThrow(); // leaves a spent-refresh marker
        clock.advance(Duration.ofMinutes(300));
        IssuedTokens fresh = nodeA.issue("carol", TokenSource.PASSWORD);
        assertEquals(0, nodeB.purgeExpired());
        clock.advance(Duration.ofMinutes(181)); // alice's and bob's expired 60 s ago
        assertEquals(2 + 2 + 2 + 1, nodeB.purgeExpired(), "tokens (access+refresh), families, spent marker");
        assertEquals(java.util.List.of("carol"), nodeA.holders(null).stream().map(TokenFamily::user).toList());
        assertTrue(nodeA.verify(fresh.accessToken(), TokenUse.HTTP).isPresent());
    }
}
