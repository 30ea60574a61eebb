package org.collabedge.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.collabedge.auth.CachingPasswordCheck;
import org.collabedge.auth.IdentityPolicy;
import org.collabedge.auth.IssuedTokens;
import org.collabedge.auth.SsoMode;
import org.collabedge.auth.TokenEndpointServlet;
import org.collabedge.auth.TokenSource;
import org.collabedge.auth.TokenUse;
import org.collabedge.host.HostContext;
import org.collabedge.standalone.FileConfigStore;
import org.collabedge.standalone.FileSecretStore;
import org.collabedge.standalone.FileUserDirectory;
import org.collabedge.standalone.LocalSharedState;
import org.collabedge.standalone.LoggingPresencePublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core hands the edge services the identity service's verifier, issuer, policy and caching password check. */
class IdentityWiringTest {

    @TempDir
    Path data;

    @Test
    void theRunningCoreVerifiesItsOwnTokensAndCachesPasswordChecks() {
        FileUserDirectory users = new FileUserDirectory(data);
        users.put("alice", "pass word".toCharArray(), "Alice", "alice@example.com");
        HostContext host = new HostContext("node-a", "test", users, new LocalSharedState(Clock.systemUTC()),
                new FileConfigStore(data.resolve("config")), new FileSecretStore(data),
                new LoggingPresencePublisher(), Clock.systemUTC());
        EdgeCore core = new EdgeCore(host, "edge.example.com");
        core.start();
        try {
            IssuedTokens t = core.identity().tokens().issue("alice", TokenSource.IDP);
            assertEquals("alice", core.tokenVerifier().verify(t.accessToken(), TokenUse.SIP).orElseThrow().user());
            assertTrue(core.passwordCheck() instanceof CachingPasswordCheck);
            assertTrue(core.passwordCheck().check("alice", "pass word".toCharArray()));
            core.identity().signIn().password("alice", "pass word".toCharArray(),
                    java.net.InetAddress.getLoopbackAddress()); // answered from the cache
            assertFalse(core.passwordCheck().check("alice", "wrong".toCharArray()));
            String metrics = core.metrics().scrape();
            assertTrue(metrics.contains("collabedge_identity_sign_ins_total{kind=\"password\",outcome=\"issued\"} 1"),
                    metrics);
            assertTrue(metrics.contains("collabedge_identity_token_holders 2"), metrics);
            assertTrue(metrics.contains("collabedge_identity_credential_cache_checks_total{result=\"hit\"} 1"));
            IdentityPolicy policy = core.identity().settings();
            assertEquals(SsoMode.OFF, policy.ssoMode());
            assertEquals(List.of(TokenEndpointServlet.PATH),
                    core.identity().endpoints().stream().map(e -> e.path()).toList());
        } finally {
            core.stop();
        }
        assertThrows(IllegalStateException.class, core::identity);
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(th -> th.getName().equals("collabedge-token-purge")), "the cleanup thread ended");
    }
}
