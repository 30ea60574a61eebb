package org.collabedge.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.collabedge.protection.AccessGate;
import org.collabedge.protection.FailureCategory;
import org.collabedge.protection.Protection;
import org.collabedge.protection.RateDecision;
import org.collabedge.standalone.LocalSharedState;
import org.collabedge.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Password sign-in and refresh under each SSO mode, with rate control and failure reporting. */
class EdgeSignInTest {

    private static final InetAddress SOURCE = InetAddress.getLoopbackAddress();

    private final MutableClock clock = new MutableClock();
    private final AtomicReference<IdentitySettings> settings = new AtomicReference<>(IdentitySettings.defaults());
    private final TokenService tokens = new TokenService(new LocalSharedState(clock), settings::get, clock,
            Duration.ofSeconds(1));
    private final List<String> failures = new ArrayList<>();
    private final List<String> authorized = new ArrayList<>();
    private RateDecision rate = RateDecision.ALLOWED;
    private SsoDomains sso = user -> user.endsWith("@sso.example");
    private final Protection protection = new Protection(
            (category, source, user) -> failures.add(category + " " + source.getHostAddress() + " " + user),
            AccessGate.OPEN, user -> {
                authorized.add(user);
                return rate;
            });
    private final PasswordCheck directory = (user, pw) -> new String(pw).equals("pw");
    private final EdgeSignIn signIn = new EdgeSignIn(settings::get, () -> sso, directory, tokens, protection);

    private void mode(SsoMode mode) {
        settings.set(new IdentitySettings(mode, 480, 720, 0, true, true));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource({
            "OFF, alice, ISSUED", "OFF, bob@sso.example, ISSUED",
            "ON, alice, ISSUED", "ON, bob@sso.example, ISSUED",
            "EXCLUSIVE, alice, SSO_REQUIRED", "EXCLUSIVE, bob@sso.example, SSO_REQUIRED"})
    void passwordSignInFollowsTheSsoMode(SsoMode mode, String user, EdgeSignIn.Status expected) {
        mode(mode);
        EdgeSignIn.Outcome o = signIn.password(user, "pw".toCharArray(), SOURCE);
        assertEquals(expected, o.status());
        if (expected == EdgeSignIn.Status.ISSUED) {
            assertEquals(user, tokens.verify(o.tokens().accessToken(), TokenUse.HTTP).orElseThrow().user());
        } else {
            assertTrue(authorized.isEmpty(), "a refused mode is no authorization attempt");
        }
    }

    @Test
    void aUserNameWithLineBreaksCannotForgeALogLine() {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            signIn.password("mallory\r\n[main] INFO Granted admin to mallory", "wrong".toCharArray(), SOURCE);
        } finally {
            System.setErr(err);
        }
        String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(log.contains("Failed edge sign-in of mallory??[main] INFO Granted admin"), log);
        assertTrue(log.lines().noneMatch(l -> l.startsWith("[main] INFO Granted")), log);
    }

    @Test
    void withSsoOnTheSamlServiceMayRequireSsoForItsUsers() {
        mode(SsoMode.ON);
        sso = new SsoDomains() {
            @Override
            public boolean hasIdentityProvider(String user) {
                return user.endsWith("@sso.example");
            }

            @Override
            public boolean passwordFallbackAllowed(String user) {
                return false;
            }
        };
        assertEquals(EdgeSignIn.Status.SSO_REQUIRED,
                signIn.password("bob@sso.example", "pw".toCharArray(), SOURCE).status());
        assertEquals(EdgeSignIn.Status.ISSUED, signIn.password("alice", "pw".toCharArray(), SOURCE).status());
    }

    @Test
    void aWrongPasswordIsReportedToIntrusionProtection() {
        assertEquals(EdgeSignIn.Status.BAD_CREDENTIALS,
                signIn.password("alice", "nope".toCharArray(), SOURCE).status());
        assertEquals(List.of(FailureCategory.HTTP_PROXY_AUTHORIZATION + " 127.0.0.1 alice"), failures);
    }

    @Test
    void everyPasswordAndRefreshAuthorizationIsCountedAndMayBeRefused() {
        EdgeSignIn.Outcome first = signIn.password("alice", "pw".toCharArray(), SOURCE);
        signIn.refresh(first.tokens().refreshToken(), SOURCE);
        assertEquals(List.of("alice", "alice"), authorized);
        rate = RateDecision.refused(Duration.ofSeconds(42));
        EdgeSignIn.Outcome refused = signIn.password("alice", "pw".toCharArray(), SOURCE);
        assertEquals(EdgeSignIn.Status.RATE_LIMITED, refused.status());
        assertEquals(Duration.ofSeconds(42), refused.retryAfter());
        assertEquals(1, tokens.holders(null).size(), "nothing issued while refused");
    }

    @Test
    void refreshIssuesNewTokensAndRefusesAnUnknownOne() {
        EdgeSignIn.Outcome first = signIn.password("alice", "pw".toCharArray(), SOURCE);
        EdgeSignIn.Outcome second = signIn.refresh(first.tokens().refreshToken(), SOURCE);
        assertEquals(EdgeSignIn.Status.ISSUED, second.status());
        assertNotNull(second.tokens());
        assertEquals(EdgeSignIn.Status.INVALID_GRANT, signIn.refresh(OpaqueTokens.generate(), SOURCE).status());
        assertEquals(1, failures.size());
    }

    @Test
    void aPasswordSignInCannotBeProlongedOnceSsoIsExclusive() {
        EdgeSignIn.Outcome pw = signIn.password("alice", "pw".toCharArray(), SOURCE);
        IssuedTokens idp = tokens.issue("bob@sso.example", TokenSource.IDP);
        mode(SsoMode.EXCLUSIVE);
        assertEquals(EdgeSignIn.Status.SSO_REQUIRED, signIn.refresh(pw.tokens().refreshToken(), SOURCE).status());
        assertEquals(EdgeSignIn.Status.ISSUED, signIn.refresh(idp.refreshToken(), SOURCE).status());
    }
}
