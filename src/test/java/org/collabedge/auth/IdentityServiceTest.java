package org.collabedge.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;

import org.collabedge.config.ExternalChanges;
import org.collabedge.config.RestartNotices;
import org.collabedge.host.HostContext;
import org.collabedge.metrics.EdgeMetrics;
import org.collabedge.protection.Protection;
import org.collabedge.standalone.FileConfigStore;
import org.collabedge.standalone.FileSecretStore;
import org.collabedge.standalone.FileUserDirectory;
import org.collabedge.standalone.LocalSharedState;
import org.collabedge.standalone.LoggingPresencePublisher;
import org.collabedge.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes of one cluster, each with its own identity service on the shared state and configuration store. */
class IdentityServiceTest {

    @TempDir
    Path data;

    private final MutableClock clock = new MutableClock();
    private final LocalSharedState shared = new LocalSharedState(clock);
    private final ExternalChanges changesA = new ExternalChanges();
    private final ExternalChanges changesB = new ExternalChanges();
    private IdentityService nodeA;
    private IdentityService nodeB;

    private IdentityService node(String id, ExternalChanges changes) {
        FileUserDirectory users = new FileUserDirectory(data);
        HostContext host = new HostContext(id, "test", users, shared, new FileConfigStore(data.resolve("config")),
                new FileSecretStore(data), new LoggingPresencePublisher(), clock);
        IdentityService s = new IdentityService(host, new RestartNotices(), changes, Protection.none(),
                new EdgeMetrics());
        s.start();
        return s;
    }

    @BeforeEach
    void start() {
        new FileUserDirectory(data).put("alice", "open sesame".toCharArray(), "Alice", null);
        nodeA = node("a", changesA);
        nodeB = node("b", changesB);
    }

    @AfterEach
    void stop() {
        nodeA.stop();
        nodeB.stop();
    }

    @Test
    void aPasswordSignInOnOneNodeWorksOnTheOtherUntilRevoked() {
        EdgeSignIn.Outcome o = nodeA.signIn().password("alice", "open sesame".toCharArray(),
                InetAddress.getLoopbackAddress());
        assertEquals(EdgeSignIn.Status.ISSUED, o.status());
        assertEquals(TokenSource.PASSWORD,
                nodeB.tokens().verify(o.tokens().accessToken(), TokenUse.HTTP).orElseThrow().source());
        IssuedTokens refreshed = nodeB.signIn().refresh(o.tokens().refreshToken(),
                InetAddress.getLoopbackAddress()).tokens();
        assertEquals(1, nodeB.revokeUser("alice"));
        assertTrue(nodeA.tokens().verify(refreshed.accessToken(), TokenUse.HTTP).isEmpty());
    }

    @Test
    void settingsSavedOnOneNodeApplyOnTheOtherOnceItHearsOfThem() {
        IssuedTokens t = nodeA.tokens().issue("alice", TokenSource.IDP);
        nodeA.settings().save(new IdentitySettings(SsoMode.EXCLUSIVE, 30, 720, 300, true, true));
        changesB.publish(IdentitySettingsService.DOCUMENT);
        assertEquals(SsoMode.EXCLUSIVE, nodeB.settings().ssoMode());
        assertEquals(EdgeSignIn.Status.SSO_REQUIRED, nodeB.signIn().password("alice",
                "open sesame".toCharArray(), InetAddress.getLoopbackAddress()).status());
        IssuedTokens shortLived = nodeB.tokens().issue("alice", TokenSource.IDP);
        assertEquals(clock.instant().plus(Duration.ofMinutes(30)), shortLived.expiresAt(), "new lifetime");
        assertEquals(clock.instant().plus(Duration.ofMinutes(480)), t.expiresAt(), "issued ones keep theirs");
        clock.advance(Duration.ofMinutes(32));
        assertTrue(nodeB.tokens().verify(shortLived.accessToken(), TokenUse.SIP).isPresent(), "300 s SIP grace");
        assertFalse(nodeB.tokens().verify(shortLived.accessToken(), TokenUse.HTTP).isPresent());
    }

    @Test
    void revokingAUsersSignInsForgetsTheCachedPasswordCheck() {
        assertTrue(nodeA.passwordCheck().check("alice", "open sesame".toCharArray()));
        assertEquals(1, nodeA.passwordCheck().size());
        nodeA.revokeUser("alice");
        assertEquals(0, nodeA.passwordCheck().size());
    }

    @Test
    void servesItsSignInEndpointUnderEdgeToken() {
        assertEquals(1, nodeA.endpoints().size());
        assertEquals("/edge/token", nodeA.endpoints().get(0).path());
        assertTrue(nodeA.endpoints().get(0).servlet() instanceof TokenEndpointServlet);
    }
}
