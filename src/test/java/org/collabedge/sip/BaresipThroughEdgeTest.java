package org.collabedge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.collabedge.config.Deployment;
import org.collabedge.config.Domain;
import org.collabedge.config.EdgeSettings;
import org.collabedge.core.EdgeCore;
import org.collabedge.sip.config.SipSettings;
import org.collabedge.sip.status.CallRecord;
import org.collabedge.sip.status.RegistrationView;
import org.collabedge.standalone.StandaloneHost;
import org.collabedge.standalone.StandaloneSettings;
import org.collabedge.testing.peers.Baresip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * baresip, a real softphone, through the edge as an operator sets it up in the standalone host: the edge is registrar
 * for example.com with only its TLS listener open, the admin sets each user's SIP secret, and two baresip instances
 * register over TLS (trusting the edge's self-signed certificate), call each other, and hang up. The call shows in
 * the edge's call log. Skips without baresip, fails on CI (see .ci/run).
 */
class BaresipThroughEdgeTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path data;

    private StandaloneHost host;
    private int tls;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(data.resolve("collabedge.properties"),
                "admin.port=0\nadmin.password=correct horse battery\nnode.id=node-a\npublic.host.name=127.0.0.1\n");
        host = new StandaloneHost(StandaloneSettings.load(data), Clock.systemUTC());
        host.start();
        tls = EdgeUnderTest.freePort();
        EdgeCore core = host.core();
        EdgeSettings d = core.config().current().settings();
        core.config().saveSettings(new EdgeSettings("127.0.0.1", "127.0.0.1", true, tls, false, d.sipTcpPort(),
                false, d.sipUdpPort(), false, d.sipWssPort(), EdgeUnderTest.freePort(), 20000, 20100, false,
                d.turnPort()));
        core.config().saveDomain(null, new Domain("example.com", true, false, false, false, Deployment.DEFAULT_ID));
        host.users().put("alice", "directory-password-1".toCharArray(), "Alice", "alice@example.com");
        host.users().put("bob", "directory-password-2".toCharArray(), "Bob", "bob@example.com");
        // baresip 1.0 (libre) gives up on the first challenge it cannot use instead of taking the next: it knows
        // Digest MD5 only, so the admin offers MD5 alone and no RFC 8898 Bearer challenge.
        SipSettings sip = core.sipConfig().current().settings();
        core.sipConfig().saveSettings(new SipSettings(sip.registrationMode(), sip.edgeAuthForInternal(),
                List.of("MD5"), false, sip.minExpiresSeconds(), sip.maxExpiresSeconds(),
                sip.defaultExpiresSeconds(), sip.flowTimerSeconds()));
        core.sipSecrets().set("alice", "Rose-quartz-Phone-2026".toCharArray());
        core.sipSecrets().set("bob", "Blue-marble-Phone-2026".toCharArray());
    }

    @AfterEach
    void stop() {
        host.stop();
    }

    @Test
    void twoBaresipPhonesRegisterOverTlsAndCallThroughTheEdge() throws Exception {
        String edge = "sip:127.0.0.1:" + tls + ";transport=tls";
        try (Baresip alice = Baresip.start(data.resolve("alice"), "sip:alice@example.com", "Rose-quartz-Phone-2026",
                edge, "");
             Baresip bob = Baresip.start(data.resolve("bob"), "sip:bob@example.com", "Blue-marble-Phone-2026", edge,
                     "")) {
            alice.awaitEvent("REGISTER_OK", WAIT);
            bob.awaitEvent("REGISTER_OK", WAIT);
            EdgeCore core = host.core();
            List<RegistrationView> bindings = core.sipStatus().registrations();
            assertEquals(2, bindings.size(), bindings.toString());
            assertTrue(bindings.stream().allMatch(b -> b.transport().equals("TLS")), bindings.toString());

            alice.dial("sip:bob@example.com");
            bob.awaitEvent("CALL_INCOMING", WAIT);
            bob.accept();
            alice.awaitEvent("CALL_ESTABLISHED", WAIT);
            bob.awaitEvent("CALL_ESTABLISHED", WAIT);
            assertEquals(1, core.sipStatus().currentCalls().size(), "the edge shows the call in progress");
            alice.hangup();
            assertEquals("CALL_CLOSED", bob.awaitEvent("CALL_CLOSED", WAIT).path("type").asText(),
                    "the BYE reached bob through the edge:\n" + bob.log());

            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline && core.sipStatus().callHistory().isEmpty()) {
                Thread.sleep(50);
            }
            CallRecord call = core.sipStatus().callHistory().get(0);
            assertEquals("sip:bob@example.com", call.to());
            assertTrue(call.from().startsWith("sip:alice@example.com"), call.from());
            assertEquals(200, call.finalStatus());
            assertNotNull(call.answeredAt());
            assertEquals("BYE", call.endReason());
            assertTrue(alice.log().contains("bob@example.com"), alice.log());
        }
    }
}
