package org.collabedge.auth;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.collabedge.config.DocumentListener;
import org.collabedge.config.ExternalChanges;
import org.collabedge.config.RestartNotices;
import org.collabedge.host.HostContext;
import org.collabedge.http.EdgeEndpoint;
import org.collabedge.metrics.EdgeMetrics;
import org.collabedge.protection.Protection;

/**
 * Edge identity, built once per core start: the settings document, the token service every edge service verifies
 * against, the credential cache in front of the user directory, password sign-in and its HTTP endpoints, and the
 * scheduled clearing of expired tokens and cached checks. {@link #stop()} ends the clearing thread.
 */
public final class IdentityService {

    /** How long a node trusts an access token it verified before looking at the shared map again. */
    public static final Duration LOCAL_VERIFY_CACHE = Duration.ofSeconds(1);

    private final IdentitySettingsService settings;
    private final TokenService tokens;
    private final CachingPasswordCheck passwordCheck;
    private final EdgeSignIn signIn;
    private final TokenPurger purger;
    private final TokenEndpointServlet endpoint;
    private final DocumentListener<IdentitySettings> intervalFollower;
    private final ExternalChanges externalChanges;
    private volatile SsoDomains ssoDomains = SsoDomains.NONE;

    public IdentityService(HostContext host, RestartNotices restartNotices, ExternalChanges externalChanges,
                           Protection protection, EdgeMetrics metrics) {
        this.externalChanges = Objects.requireNonNull(externalChanges);
        this.settings = new IdentitySettingsService(host.configStore(), host.sharedState(), restartNotices);
        this.tokens = new TokenService(host.sharedState(), settings::current, host.clock(), LOCAL_VERIFY_CACHE);
        this.passwordCheck = new CachingPasswordCheck(PasswordCheck.direct(host.users()),
                user -> host.users().lookup(user).isPresent(), settings::current,
                () -> ssoDomains, host.clock());
        this.signIn = new EdgeSignIn(settings::current, () -> ssoDomains, passwordCheck, tokens, protection);
        this.purger = new TokenPurger(() -> settings.current().cleanupInterval(), this::purgeExpired);
        this.endpoint = new TokenEndpointServlet(signIn, tokens, host.clock());
        IdentityMetrics meters = new IdentityMetrics(metrics, tokens, passwordCheck);
        signIn.onOutcome(meters::outcome);
        this.intervalFollower = (before, after) -> {
            if (before.credentialsCleanupMinutes() != after.credentialsCleanupMinutes()) {
                purger.reschedule();
            }
            if (before.credentialCaching() && !after.credentialCaching()) {
                passwordCheck.clear();
            }
            return null; // everything else is read on each use
        };
    }

    public void start() {
        settings.start(externalChanges);
        settings.addListener(intervalFollower);
        purger.start();
    }

    public void stop() {
        purger.stop();
        settings.removeListener(intervalFollower);
        settings.stop();
        passwordCheck.clear();
    }

    /** The settings, also the {@link IdentityPolicy} the SAML service reads. */
    public IdentitySettingsService settings() {
        return settings;
    }

    /** Issues, verifies, refreshes and revokes edge tokens ({@link TokenVerifier}, {@link TokenIssuer}). */
    public TokenService tokens() {
        return tokens;
    }

    /** The directory password check with credential caching. */
    public CachingPasswordCheck passwordCheck() {
        return passwordCheck;
    }

    public EdgeSignIn signIn() {
        return signIn;
    }

    /** The SAML service says here which users belong to domains associated with an identity provider. */
    public void useSsoDomains(SsoDomains domains) {
        this.ssoDomains = Objects.requireNonNull(domains);
    }

    /** What the HTTPS edge listener serves for identity: {@code /edge/token} and its sub-paths. */
    public List<EdgeEndpoint> endpoints() {
        return List.of(new EdgeEndpoint(TokenEndpointServlet.PATH, endpoint));
    }

    /** Ends every sign-in of a user and forgets the user's cached password check. */
    public int revokeUser(String user) {
        passwordCheck.invalidate(user);
        return tokens.revokeUser(user);
    }

    /** One run of the seed's cache clearing; returns how many entries went. */
    public int purgeExpired() {
        return tokens.purgeExpired() + passwordCheck.purgeExpired();
    }
}
