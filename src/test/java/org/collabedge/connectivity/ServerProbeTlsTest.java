package org.collabedge.connectivity;

import static org.collabedge.connectivity.TestPki.dns;
import static org.collabedge.connectivity.TestPki.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import javax.net.ssl.SSLContext;

import org.collabedge.config.InternalServer;
import org.collabedge.config.ServerType;
import org.collabedge.config.Transport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Probes over TLS against loopback servers with certificates from a test CA, a rogue CA, a wrong name, a past. */
@Timeout(15)
class ServerProbeTlsTest {

    private static TestPki trustedCa;
    private static TestPki rogueCa;
    private static TestPki.Identity localhost;
    private static TestPki.Identity otherName;
    private static TestPki.Identity expired;
    private static TestPki.Identity untrusted;
    private static SSLContext edgeClient;

    private final ServerProbe probe = new ServerProbe(() -> edgeClient, Clock.systemUTC(), Duration.ofSeconds(3));

    @BeforeAll
    static void issueCertificates() throws Exception {
        trustedCa = TestPki.create("Test Internal CA");
        rogueCa = TestPki.create("Rogue CA");
        localhost = trustedCa.issue("localhost", dns("localhost"), ip("127.0.0.1"));
        otherName = trustedCa.issue("other.example", dns("other.example"));
        Instant now = Instant.now();
        expired = trustedCa.issue("expired.localhost", now.minus(Duration.ofDays(730)), now.minus(Duration.ofDays(365)),
                dns("localhost"), ip("127.0.0.1"));
        untrusted = rogueCa.issue("localhost", dns("localhost"), ip("127.0.0.1"));
        edgeClient = trustedCa.clientContext();
    }

    private static InternalServer server(ServerType type, String address, int port, Transport transport,
                                         boolean verify) {
        return new InternalServer("cucm1", type, address, port, transport, verify, "axl", "default");
    }

    private static InternalServer sipTls(int port, boolean verify) {
        return server(ServerType.CALL_CONTROL, "127.0.0.1", port, Transport.TLS, verify);
    }

    @Test
    void trustedCertificateNamingTheAddressIsOk() throws Exception {
        try (LoopbackServer cucm = LoopbackServer.tls(localhost.serverContext(), LoopbackServer.sipAndHttp())) {
            ProbeResult result = probe.probe(sipTls(cucm.port(), true));

            assertEquals(ProbeStatus.OK, result.status(), result.detail());
            assertEquals("SIP/2.0 200 OK", result.response());
            assertEquals("CN=localhost", result.peerSubject());
            assertEquals(localhost.certificate().getNotAfter().toInstant(), result.peerNotAfter());
            String day = result.peerNotAfter().atOffset(ZoneOffset.UTC).toLocalDate().toString();
            assertTrue(result.detail().matches("Connected in \\d+ ms; TLSv1\\.[23]; certificate CN=localhost, "
                    + "valid until " + day + "; SIP/2\\.0 200 OK"), result.detail());
            assertTrue(cucm.nextRequest().startsWith("OPTIONS sip:127.0.0.1:" + cucm.port() + ";transport=tls SIP/2.0"));
        }
    }

    @Test
    void hostNameIsResolvedAndMatchedToo() throws Exception {
        try (LoopbackServer cucm = LoopbackServer.tls(localhost.serverContext(), LoopbackServer.sipAndHttp())) {
            ProbeResult result = probe.probe(server(ServerType.CALL_CONTROL, "localhost", cucm.port(),
                    Transport.TLS, true));

            assertEquals(ProbeStatus.OK, result.status(), result.detail());
        }
    }

    @Test
    void certificateFromAnUnknownCaIsUntrusted() throws Exception {
        try (LoopbackServer cucm = LoopbackServer.tls(untrusted.serverContext(), LoopbackServer.sipAndHttp())) {
            ProbeResult result = probe.probe(sipTls(cucm.port(), true));

            assertEquals(ProbeStatus.CERTIFICATE_UNTRUSTED, result.status(), result.detail());
            assertEquals("Certificate is not signed by a trusted CA: CN=localhost (issued by CN=Rogue CA)",
                    result.detail());
            assertEquals("CN=localhost", result.peerSubject());
            assertEquals(untrusted.certificate().getNotAfter().toInstant(), result.peerNotAfter());
            assertNull(result.response());
        }
    }

    @Test
    void certificateForAnotherNameIsAHostnameMismatch() throws Exception {
        try (LoopbackServer cucm = LoopbackServer.tls(otherName.serverContext(), LoopbackServer.sipAndHttp())) {
            ProbeResult result = probe.probe(sipTls(cucm.port(), true));

            assertEquals(ProbeStatus.HOSTNAME_MISMATCH, result.status(), result.detail());
            assertEquals("Certificate does not name 127.0.0.1: CN=other.example (names: other.example)",
                    result.detail());
            assertEquals("CN=other.example", result.peerSubject());
        }
    }

    @Test
    void expiredCertificateIsExpired() throws Exception {
        try (LoopbackServer cucm = LoopbackServer.tls(expired.serverContext(), LoopbackServer.sipAndHttp())) {
            ProbeResult result = probe.probe(sipTls(cucm.port(), true));

            assertEquals(ProbeStatus.CERTIFICATE_EXPIRED, result.status(), result.detail());
            Instant notAfter = expired.certificate().getNotAfter().toInstant();
            assertEquals("Certificate expired on " + notAfter.truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10)
                    + ": CN=expired.localhost", result.detail());
            assertEquals(notAfter, result.peerNotAfter());
        }
    }

    @Test
    void withVerificationOffAnUntrustedServerIsOkButSaysSo() throws Exception {
        try (LoopbackServer cucm = LoopbackServer.tls(untrusted.serverContext(), LoopbackServer.sipAndHttp())) {
            ProbeResult result = probe.probe(sipTls(cucm.port(), false));

            assertEquals(ProbeStatus.OK, result.status(), result.detail());
            assertTrue(result.detail().contains("(not verified: TLS verification is off for this server)"),
                    result.detail());
            assertEquals("CN=localhost", result.peerSubject());
            assertEquals("SIP/2.0 200 OK", result.response());
        }
    }

    @Test
    void withVerificationOffANameMismatchIsOkToo() throws Exception {
        try (LoopbackServer cucm = LoopbackServer.tls(otherName.serverContext(), LoopbackServer.sipAndHttp())) {
            ProbeResult result = probe.probe(sipTls(cucm.port(), false));

            assertEquals(ProbeStatus.OK, result.status(), result.detail());
            assertTrue(result.detail().contains("not verified"), result.detail());
        }
    }

    @Test
    void httpsHeadIsAnsweredOk() throws Exception {
        try (LoopbackServer web = LoopbackServer.tls(localhost.serverContext(), LoopbackServer.sipAndHttp())) {
            ProbeResult result = probe.probe(server(ServerType.WEB_SERVICE, "127.0.0.1", web.port(),
                    Transport.HTTPS, true));

            assertEquals(ProbeStatus.OK, result.status(), result.detail());
            assertEquals("HTTP/1.1 200 OK", result.response());
            assertEquals("CN=localhost", result.peerSubject());
            String request = web.nextRequest();
            assertTrue(request.startsWith("HEAD / HTTP/1.1\r\nHost: 127.0.0.1:" + web.port() + "\r\n"), request);
        }
    }

    @Test
    void tlsGarbageAfterTheHandshakeIsAProtocolError() throws Exception {
        try (LoopbackServer odd = LoopbackServer.tls(localhost.serverContext(),
                LoopbackServer.answering("HELLO\r\n"))) {
            ProbeResult result = probe.probe(sipTls(odd.port(), true));

            assertEquals(ProbeStatus.PROTOCOL_ERROR, result.status(), result.detail());
            assertEquals("HELLO", result.response());
            assertEquals("CN=localhost", result.peerSubject());
        }
    }

    @Test
    void plainTextPortIsATlsFailure() throws Exception {
        try (LoopbackServer plain = LoopbackServer.tcp(LoopbackServer.greetingFirst("SIP/2.0 400 Bad Request\r\n\r\n"))) {
            ProbeResult result = probe.probe(sipTls(plain.port(), true));

            assertEquals(ProbeStatus.TLS_FAILED, result.status(), result.detail());
            assertEquals("The server did not answer with TLS (is this a plain-text port?)", result.detail());
            assertNull(result.peerSubject());
        }
    }

    @Test
    void handshakeThatNeverEndsIsBoundedByTheTimeout() throws Exception {
        try (LoopbackServer mute = LoopbackServer.tcp(LoopbackServer.silent())) {
            ServerProbe quick = new ServerProbe(() -> edgeClient, Clock.systemUTC(), Duration.ofMillis(600));
            ProbeResult result = quick.probe(sipTls(mute.port(), true));

            assertEquals(ProbeStatus.TLS_FAILED, result.status(), result.detail());
            assertEquals("TLS handshake did not complete within 600 ms", result.detail());
            assertTrue(result.elapsedMillis() >= 500 && result.elapsedMillis() < 2000, "" + result.elapsedMillis());
        }
    }
}
