package org.collabedge.auth;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.collabedge.protection.FailureCategory;
import org.collabedge.protection.LogText;
import org.collabedge.protection.Protection;
import org.collabedge.protection.RateDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in at the edge with a directory password, and token refresh: applies the SSO mode (Exclusive refuses
 * passwords; On lets an SSO user fall back to a password unless the SAML service says otherwise), counts every
 * authorization with the rate control, and reports failures to intrusion protection.
 */
public final class EdgeSignIn {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeSignIn.class);

    public enum Status { ISSUED, BAD_CREDENTIALS, SSO_REQUIRED, RATE_LIMITED, INVALID_GRANT }

    /** What happened; {@code tokens} only when issued, {@code retryAfter} only when rate limited. */
    public record Outcome(Status status, IssuedTokens tokens, Duration retryAfter) {

        static Outcome of(Status status) {
            return new Outcome(status, null, Duration.ZERO);
        }
    }

    private final Supplier<IdentitySettings> settings;
    private final Supplier<SsoDomains> ssoDomains;
    private final PasswordCheck passwords;
    private final TokenService tokens;
    private final Protection protection;
    private volatile java.util.function.BiConsumer<String, Status> outcomes = (kind, status) -> { };

    public EdgeSignIn(Supplier<IdentitySettings> settings, Supplier<SsoDomains> ssoDomains, PasswordCheck passwords,
                      TokenService tokens, Protection protection) {
        this.settings = Objects.requireNonNull(settings);
        this.ssoDomains = Objects.requireNonNull(ssoDomains);
        this.passwords = Objects.requireNonNull(passwords);
        this.tokens = Objects.requireNonNull(tokens);
        this.protection = Objects.requireNonNull(protection);
    }

    /** True when the SSO mode lets this user sign in with a password at all. */
    public boolean passwordSignInAllowed(String user) {
        return switch (settings.get().ssoMode()) {
            case OFF -> true;
            case EXCLUSIVE -> false;
            case ON -> !ssoDomains.get().hasIdentityProvider(user) || ssoDomains.get().passwordFallbackAllowed(user);
        };
    }

    /** Told of every outcome ("password" or "refresh"), for metrics. */
    void onOutcome(java.util.function.BiConsumer<String, Status> listener) {
        this.outcomes = Objects.requireNonNull(listener);
    }

    public Outcome password(String user, char[] password, InetAddress source) {
        Outcome o = checkPassword(user, password, source);
        outcomes.accept("password", o.status());
        return o;
    }

    public Outcome refresh(String refreshToken, InetAddress source) {
        Outcome o = checkRefresh(refreshToken, source);
        outcomes.accept("refresh", o.status());
        return o;
    }

    private Outcome checkPassword(String user, char[] password, InetAddress source) {
        if (!passwordSignInAllowed(user)) {
            LOG.debug("Refused password sign-in of {}: single sign-on is required", LogText.of(user));
            return Outcome.of(Status.SSO_REQUIRED);
        }
        RateDecision rate = protection.rateControl().authorize(user);
        if (!rate.allowed()) {
            return new Outcome(Status.RATE_LIMITED, null, rate.retryAfter());
        }
        if (!passwords.check(user, password)) {
            protection.events().failure(FailureCategory.HTTP_PROXY_AUTHORIZATION, source, user);
            LOG.info("Failed edge sign-in of {} from {}", LogText.of(user), source.getHostAddress());
            return Outcome.of(Status.BAD_CREDENTIALS);
        }
        return new Outcome(Status.ISSUED, tokens.issue(user, TokenSource.PASSWORD), Duration.ZERO);
    }

    private Outcome checkRefresh(String refreshToken, InetAddress source) {
        Optional<TokenRecord> record = tokens.refreshTokenRecord(refreshToken);
        Optional<String> holder = record.map(TokenRecord::user);
        if (record.isPresent()) {
            if (record.get().source() == TokenSource.PASSWORD && settings.get().ssoMode() == SsoMode.EXCLUSIVE) {
                // Switched to Exclusive since this password sign-in: it may not be prolonged.
                return Outcome.of(Status.SSO_REQUIRED);
            }
            RateDecision rate = protection.rateControl().authorize(holder.get());
            if (!rate.allowed()) {
                return new Outcome(Status.RATE_LIMITED, null, rate.retryAfter());
            }
        }
        Optional<IssuedTokens> issued = tokens.refresh(refreshToken);
        if (issued.isEmpty()) {
            protection.events().failure(FailureCategory.HTTP_PROXY_AUTHORIZATION, source, holder.orElse(null));
            return Outcome.of(Status.INVALID_GRANT);
        }
        return new Outcome(Status.ISSUED, issued.get(), Duration.ZERO);
    }
}
