package org.collabedge.sip.auth;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sip.address.URI;

import org.collabedge.auth.TokenUse;
import org.collabedge.auth.TokenVerifier;
import org.collabedge.auth.VerifiedToken;
import org.collabedge.protection.FailureCategory;
import org.collabedge.protection.Protection;
import org.collabedge.protection.RateDecision;
import org.collabedge.sip.config.SipSettings;

/**
 * Authentication at the edge for one realm (the domain): Digest against the user's SIP secret, or an RFC 8898 bearer
 * edge token. Every failed proof is reported per source address and user to intrusion protection; every attempt of
 * a known user passes the authorization rate control first.
 */
public final class EdgeAuthenticator {

    private final SipSecretLookup secrets;
    private final TokenVerifier tokens;
    private final Supplier<Protection> protection;
    private final NonceFactory nonces;
    private final NonceCounts counts;
    private final Supplier<SipSettings> settings;

    /** @param counts the nonce counts already used, so a replayed one is refused */
    public EdgeAuthenticator(SipSecretLookup secrets, TokenVerifier tokens, Supplier<Protection> protection,
                             NonceFactory nonces, NonceCounts counts, Supplier<SipSettings> settings) {
        this.secrets = secrets;
        this.tokens = tokens;
        this.protection = protection;
        this.nonces = nonces;
        this.counts = counts;
        this.settings = settings;
    }

    /**
     * @param requestUri       the request's Request-URI: a digest answer must be computed for it (RFC 3261 22.4)
     * @param credentialValues the values of every Authorization (or Proxy-Authorization) header of the request
     */
    public AuthResult authenticate(String method, URI requestUri, String realm, List<String> credentialValues,
                                   InetAddress source) {
        for (String value : credentialValues) {
            Optional<String> scheme = AuthParams.scheme(value);
            if (scheme.isEmpty()) {
                continue;
            }
            if (scheme.get().equals("bearer") && settings.get().bearerTokens()) {
                return bearer(AuthParams.rest(value), source);
            }
            if (scheme.get().equals("digest")) {
                Map<String, String> params = AuthParams.params(AuthParams.rest(value));
                if (realm.equalsIgnoreCase(params.get("realm"))) {
                    return digest(method, requestUri, DigestCredentials.of(params), source);
                }
            }
        }
        return new AuthResult.Challenge(false);
    }

    /** The challenge header values to offer, one per configured algorithm, preferred first. */
    public List<String> challenges(String realm, boolean stale) {
        List<String> out = new ArrayList<>();
        String nonce = nonces.issue(realm);
        for (String name : settings.get().digestAlgorithms()) {
            DigestAlgorithm.parse(name).ifPresent(a -> out.add("Digest realm=\"" + realm + "\", nonce=\"" + nonce
                    + "\", algorithm=" + a.token() + ", qop=\"auth\"" + (stale ? ", stale=true" : "")));
        }
        if (settings.get().bearerTokens()) {
            out.add("Bearer realm=\"" + realm + "\"");
        }
        return out;
    }

    private AuthResult digest(String method, URI requestUri, DigestCredentials c, InetAddress source) {
        Optional<DigestAlgorithm> algo = DigestAlgorithm.parse(c.algorithm());
        if (!c.complete() || algo.isEmpty() || !offered(algo.get())) {
            return fail(source, c.username());
        }
        if (!DigestUri.matches(c.uri(), requestUri)) {
            // An answer computed for another URI (RFC 3261 22.4, RFC 7616 3.4.6): refuse it, do not challenge again.
            protection.get().events().failure(FailureCategory.SIP_AUTHENTICATION, source, c.username());
            return new AuthResult.Refused(400, "Digest URI Does Not Match Request-URI", Duration.ZERO);
        }
        NonceFactory.Verdict verdict = nonces.check(c.nonce(), c.realm());
        if (verdict == NonceFactory.Verdict.FORGED) {
            return fail(source, c.username());
        }
        RateDecision rate = protection.get().rateControl().authorize(c.username());
        if (!rate.allowed()) {
            return new AuthResult.Refused(503, "Too many authorizations", rate.retryAfter());
        }
        Optional<char[]> secret = secrets.secretOf(c.username());
        if (secret.isEmpty()) {
            return fail(source, c.username());
        }
        char[] s = secret.get();
        try {
            if (!c.matches(algo.get(), method, s)) {
                return fail(source, c.username());
            }
        } finally {
            Arrays.fill(s, '\0');
        }
        // A right answer to an old nonce proves the secret but may be a replay: ask again with stale=true.
        if (verdict == NonceFactory.Verdict.STALE) {
            return new AuthResult.Challenge(true);
        }
        return switch (counts.use(c.nonce(), nonces.issuedMillis(c.nonce()), c.qop() == null ? null : c.nc())) {
            case FRESH -> new AuthResult.Authenticated(c.username());
            case FORGOTTEN -> new AuthResult.Challenge(true);
            case REPLAYED -> fail(source, c.username());
        };
    }

    private AuthResult bearer(String token, InetAddress source) {
        Optional<VerifiedToken> verified = token.isEmpty() ? Optional.empty() : tokens.verify(token, TokenUse.SIP);
        if (verified.isEmpty()) {
            return fail(source, null);
        }
        String user = verified.get().user();
        RateDecision rate = protection.get().rateControl().authorize(user);
        if (!rate.allowed()) {
            return new AuthResult.Refused(503, "Too many authorizations", rate.retryAfter());
        }
        return new AuthResult.Authenticated(user);
    }

    private boolean offered(DigestAlgorithm algo) {
        return settings.get().digestAlgorithms().stream().anyMatch(n -> n.equalsIgnoreCase(algo.token()));
    }

    private AuthResult fail(InetAddress source, String user) {
        protection.get().events().failure(FailureCategory.SIP_AUTHENTICATION, source, user);
        return new AuthResult.Challenge(false);
    }
}
