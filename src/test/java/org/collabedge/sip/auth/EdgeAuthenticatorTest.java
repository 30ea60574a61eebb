package org.collabedge.sip.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.sip.address.URI;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import org.collabedge.auth.TokenVerifier;
import org.collabedge.protection.AccessGate;
import org.collabedge.protection.AuthorizationRateControl;
import org.collabedge.protection.FailureCategory;
import org.collabedge.protection.Protection;
import org.collabedge.sip.config.SipSettings;
import org.collabedge.testing.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * Digest at the edge against replays: a nonce count is good once, the answer must be for this Request-URI, and a
 * right answer to an expired nonce asks again with stale=true.
 */
class EdgeAuthenticatorTest {

    private static final InetAddress SOURCE = InetAddress.getLoopbackAddress();
    private final MutableClock clock = new MutableClock();
    private final List<FailureCategory> failures = new ArrayList<>();
    private final NonceFactory nonces = new NonceFactory(clock, Duration.ofMinutes(5));
    private final EdgeAuthenticator auth = new EdgeAuthenticator(
            user -> user.equals("alice") ? Optional.of("alice-secret".toCharArray()) : Optional.empty(),
            TokenVerifier.REFUSE_ALL,
            () -> new Protection((category, source, user) -> failures.add(category), AccessGate.OPEN,
                    AuthorizationRateControl.UNLIMITED),
            nonces, new NonceCounts(clock, Duration.ofMinutes(5), 1000), SipSettings::defaults);

    private static URI uri(String text) throws Exception {
        return new AddressFactoryImpl().createURI(text);
    }

    private static String answer(String nonce, String method, String uri, String nc, String secret) {
        String ha1 = sha256("alice:example.com:" + secret);
        String ha2 = sha256(method + ":" + uri);
        String response = sha256(ha1 + ":" + nonce + ":" + nc + ":c1:auth:" + ha2);
        return "Digest username=\"alice\", realm=\"example.com\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", response=\"" + response + "\", algorithm=SHA-256, qop=auth, nc=" + nc + ", cnonce=\"c1\"";
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private AuthResult check(String method, String requestUri, String credentials) throws Exception {
        return auth.authenticate(method, uri(requestUri), "example.com", List.of(credentials), SOURCE);
    }

    @Test
    void aNonceCountIsGoodOnceAndAReplayIsCounted() throws Exception {
        String nonce = nonces.issue("example.com");
        String first = answer(nonce, "REGISTER", "sip:example.com", "00000001", "alice-secret");
        assertEquals(new AuthResult.Authenticated("alice"), check("REGISTER", "sip:example.com", first));
        assertEquals(new AuthResult.Challenge(false), check("REGISTER", "sip:example.com", first),
                "the same nc again is a replay");
        assertEquals(List.of(FailureCategory.SIP_AUTHENTICATION), failures);
        String next = answer(nonce, "REGISTER", "sip:example.com", "00000002", "alice-secret");
        assertEquals(new AuthResult.Authenticated("alice"), check("REGISTER", "sip:example.com", next),
                "a client reusing its nonce counts up");
    }

    @Test
    void aWrongAnswerDoesNotSpendTheCount() throws Exception {
        String nonce = nonces.issue("example.com");
        check("REGISTER", "sip:example.com", answer(nonce, "REGISTER", "sip:example.com", "00000001", "guess"));
        assertEquals(new AuthResult.Authenticated("alice"), check("REGISTER", "sip:example.com",
                answer(nonce, "REGISTER", "sip:example.com", "00000001", "alice-secret")));
    }

    @Test
    void theDigestUriMustBeTheRequestUri() throws Exception {
        String nonce = nonces.issue("example.com");
        AuthResult r = check("INVITE", "sip:bob@example.com",
                answer(nonce, "INVITE", "sip:carol@example.com", "00000001", "alice-secret"));
        assertTrue(r instanceof AuthResult.Refused refused && refused.status() == 400
                && refused.reason().contains("Request-URI"), String.valueOf(r));
        assertEquals(List.of(FailureCategory.SIP_AUTHENTICATION), failures);
        assertEquals(new AuthResult.Authenticated("alice"), check("INVITE", "sip:bob@EXAMPLE.com;transport=tcp",
                answer(nonce, "INVITE", "sip:bob@example.com;transport=TCP", "00000002", "alice-secret")),
                "the same SIP URI written differently (RFC 3261 19.1.4) matches");
    }

    @Test
    void aRightAnswerToAnExpiredNonceIsChallengedAsStale() throws Exception {
        String nonce = nonces.issue("example.com");
        clock.advance(Duration.ofMinutes(6));
        assertEquals(new AuthResult.Challenge(true), check("REGISTER", "sip:example.com",
                answer(nonce, "REGISTER", "sip:example.com", "00000001", "alice-secret")));
        assertTrue(failures.isEmpty(), "an expired nonce is no attack");
        assertTrue(auth.challenges("example.com", true).get(0).endsWith("stale=true"));
    }
}
