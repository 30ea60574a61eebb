package org.collabedge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.collabedge.auth.IssuedTokens;
import org.collabedge.auth.TokenSource;
import org.collabedge.config.Deployment;
import org.collabedge.config.Domain;
import org.collabedge.config.EdgeSettings;
import org.collabedge.core.EdgeCore;
import org.collabedge.sip.status.RegistrationView;
import org.collabedge.standalone.StandaloneHost;
import org.collabedge.standalone.StandaloneSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SIP edge as an operator sets it up in the standalone host: a domain on the edge, a SIP listener, a user's SIP
 * secret set by the admin; a phone then registers with digest, and with a bearer token from the identity service,
 * and the Registrations page's source shows the binding.
 */
class SipThroughStandaloneHostTest {

    @TempDir
    Path data;

    private StandaloneHost host;
    private int tcpPort;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(data.resolve("collabedge.properties"),
                "admin.port=0\nadmin.password=correct horse battery\nnode.id=node-a\npublic.host.name=localhost\n");
        host = new StandaloneHost(StandaloneSettings.load(data), Clock.systemUTC());
        host.start();
        tcpPort = freePort();
        EdgeCore core = host.core();
        EdgeSettings d = core.config().current().settings();
        core.config().saveSettings(new EdgeSettings("localhost", "127.0.0.1", false, d.sipTlsPort(), true, tcpPort,
                false, d.sipUdpPort(), false, d.sipWssPort(), freePort(), d.mediaPortMin(), d.mediaPortMax(), false,
                d.turnPort()));
        core.config().saveDomain(null, new Domain("example.com", true, false, false, false, Deployment.DEFAULT_ID));
        host.users().put("alice", "directory-password-1".toCharArray(), "Alice", "alice@example.com");
    }

    @AfterEach
    void stop() {
        host.stop();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aPhoneRegistersWithTheSecretTheAdminSet() throws Exception {
        EdgeCore core = host.core();
        core.sipSecrets().set("alice", "Secret-for-SIP-2026".toCharArray());
        try (TestPhone alice = new TestPhone(RawSipClient.tcp(tcpPort), "alice", "example.com",
                "Secret-for-SIP-2026");
             TestPhone guesser = new TestPhone(RawSipClient.tcp(tcpPort), "alice", "example.com", "guess")) {
            assertEquals(401, guesser.register(600, "SHA-256").status(), "a wrong secret is challenged again");
            assertEquals(200, alice.register(600, "SHA-256").status());
            List<RegistrationView> bindings = core.sipStatus().registrations();
            assertEquals(1, bindings.size(), bindings.toString());
            assertEquals("sip:alice@example.com", bindings.get(0).addressOfRecord());
            assertEquals("node-a", bindings.get(0).nodeId());
        }
    }

    @Test
    void aPhoneRegistersWithABearerTokenFromTheIdentityService() throws Exception {
        EdgeCore core = host.core();
        IssuedTokens tokens = core.identity().tokens().issue("alice", TokenSource.PASSWORD);
        try (TestPhone alice = new TestPhone(RawSipClient.tcp(tcpPort), "alice", "example.com", "unused")) {
            alice.wire.send(alice.request("REGISTER", "sip:example.com", alice.aor(), "bearer-1", "r1", null,
                    List.of("Expires: 600", "Authorization: Bearer " + tokens.accessToken()), null));
            assertEquals(200, alice.wire.expectStatus(200).status());
            core.identity().tokens().revokeToken(tokens.accessToken());
            alice.wire.send(alice.request("REGISTER", "sip:example.com", alice.aor(), "bearer-2", "r2", null,
                    List.of("Expires: 600", "Authorization: Bearer " + tokens.accessToken()), null));
            SipMsg refused = alice.wire.expectStatus(401);
            assertTrue(refused.headers("WWW-Authenticate").stream().anyMatch(h -> h.startsWith("Bearer")));
        }
    }
}
