package org.collabedge.testing.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.collabedge.cert.EdgeIdentity;
import org.collabedge.cert.Pem;
import org.collabedge.cert.SelfSignedCertificateFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kamailio fixture answers OPTIONS, and SIPp registers to it with digest, over TCP and (through stunnel) TLS. */
class KamailioTest {

    @TempDir
    Path dir;

    @Test
    void sippRegistersWithDigestAndAWrongPasswordIsRefused() throws Exception {
        Map<String, String> users = Map.of("alice", "alice-Secret-1", "bob", "bob-Secret-2");
        try (Kamailio k = Kamailio.builder().user("alice", "alice-Secret-1").user("bob", "bob-Secret-2")
                .start(dir.resolve("kamailio"))) {
            assertEquals("SIP/2.0 200 Keepalive", k.options(Duration.ofSeconds(2)));
            Sipp.Result ok = new Sipp(dir.resolve("sipp-ok"), Sipp.registerScenario("example.com", 300))
                    .csv(Sipp.registerCsv(users)).calls(2, 10, 0).transport(Sipp.Transport.TCP_ONE_CONNECTION)
                    .timeout(Duration.ofSeconds(10)).run(k.host(), k.port());
            assertEquals(0, ok.exitCode(), ok.output() + k.log());
            assertEquals(2, ok.successful());

            Sipp.Result wrong = new Sipp(dir.resolve("sipp-wrong"), Sipp.registerScenario("example.com", 300))
                    .csv(Sipp.registerCsv(Map.of("alice", "not-her-password"))).calls(1, 10, 0)
                    .timeout(Duration.ofSeconds(5)).run(k.host(), k.port());
            assertTrue(wrong.exitCode() != 0, "a wrong password gets a second 401, not 200");
            assertEquals(0, wrong.successful());
        }
    }

    @Test
    void sippRegistersOverTlsThroughStunnel() throws Exception {
        EdgeIdentity identity = new SelfSignedCertificateFactory(java.time.Clock.systemUTC()).create("localhost");
        java.nio.file.Files.createDirectories(dir);
        Path ca = dir.resolve("kamailio-ca.pem");
        java.nio.file.Files.writeString(ca, Pem.encode(identity.certificate()));
        try (Kamailio k = Kamailio.builder().user("carol", "carol-Secret-3")
                .tls(Pem.encode(identity.certificate()), Pem.encodePrivateKey(identity.key()))
                .start(dir.resolve("kamailio-tls"));
             Stunnel tunnel = Stunnel.start(dir.resolve("stunnel"), k.host(), k.tlsPort(), ca, "localhost")) {
            Sipp.Result r = new Sipp(dir.resolve("sipp-tls"), Sipp.registerScenario("example.com", 300))
                    .csv(Sipp.registerCsv(Map.of("carol", "carol-Secret-3"))).calls(3, 10, 0)
                    .transport(Sipp.Transport.TCP_ONE_CONNECTION).timeout(Duration.ofSeconds(10))
                    .run("127.0.0.1", tunnel.port());
            assertEquals(0, r.exitCode(), r.output() + k.log() + tunnel.log());
            assertEquals(3, r.successful());
            assertTrue(tunnel.log().contains("Certificate accepted") || tunnel.log().contains("verified"),
                    "stunnel checked Kamailio's certificate:\n" + tunnel.log());
        }
    }
}
