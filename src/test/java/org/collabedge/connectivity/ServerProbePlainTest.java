package org.collabedge.connectivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import javax.net.ssl.SSLContext;

import org.collabedge.config.InternalServer;
import org.collabedge.config.ServerType;
import org.collabedge.config.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Probes over plain TCP and UDP against loopback servers: reachability and the protocol exchange. */
@Timeout(15)
class ServerProbePlainTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final ServerProbe probe = probe(Duration.ofSeconds(3));

    private static ServerProbe probe(Duration timeout) {
        return new ServerProbe(() -> {
            throw new AssertionError("plain transports need no client TLS context");
        }, Clock.fixed(NOW, ZoneOffset.UTC), timeout);
    }

    private static InternalServer server(ServerType type, int port, Transport transport) {
        return new InternalServer("s1", type, "127.0.0.1", port, transport, true, null, "default");
    }

    @Test
    void sipOptionsOverTcpIsAnsweredOk() throws Exception {
        try (LoopbackServer cucm = LoopbackServer.tcp(LoopbackServer.sipAndHttp())) {
            ProbeResult result = probe.probe(server(ServerType.CALL_CONTROL, cucm.port(), Transport.TCP));

            assertEquals(ProbeStatus.OK, result.status(), result.detail());
            assertEquals("SIP/2.0 200 OK", result.response());
            assertTrue(result.detail().startsWith("Connected in "), result.detail());
            assertTrue(result.detail().endsWith("; SIP/2.0 200 OK"), result.detail());
            assertEquals(NOW, result.testedAt());
            assertNull(result.peerSubject());
            assertNull(result.peerNotAfter());

            String request = cucm.nextRequest();
            assertTrue(request.startsWith("OPTIONS sip:127.0.0.1:" + cucm.port() + ";transport=tcp SIP/2.0\r\n"),
                    request);
            assertTrue(request.matches("(?s).*\r\nVia: SIP/2\\.0/TCP 127\\.0\\.0\\.1:\\d+;branch=z9hG4bK[0-9a-f]+;rport\r\n.*"),
                    request);
            assertTrue(request.contains("\r\nMax-Forwards: 70\r\n"), request);
            assertTrue(request.matches("(?s).*\r\nFrom: <sip:[^>]+>;tag=[0-9a-f]+\r\n.*"), request);
            assertTrue(request.contains("\r\nTo: <sip:127.0.0.1:" + cucm.port() + ">\r\n"), request);
            assertTrue(request.matches("(?s).*\r\nCall-ID: \\S+\r\n.*"), request);
            assertTrue(request.contains("\r\nCSeq: 1 OPTIONS\r\n"), request);
            assertTrue(request.endsWith("\r\nContent-Length: 0\r\n"), request);
        }
    }

    @Test
    void sipOptionsOverUdpIsAnsweredOk() throws Exception {
        try (UdpResponder cucm = UdpResponder.answering()) {
            ProbeResult result = probe.probe(server(ServerType.CALL_CONTROL, cucm.port(), Transport.UDP));

            assertEquals(ProbeStatus.OK, result.status(), result.detail());
            assertEquals("SIP/2.0 200 OK", result.response());
            assertTrue(result.detail().startsWith("Answered over UDP in "), result.detail());
            String datagram = cucm.nextDatagram();
            assertTrue(datagram.startsWith("OPTIONS sip:127.0.0.1:" + cucm.port() + " SIP/2.0\r\n"), datagram);
            assertTrue(datagram.contains("\r\nVia: SIP/2.0/UDP 127.0.0.1:"), datagram);
            assertTrue(datagram.contains(";branch=z9hG4bK"), datagram);
        }
    }

    @Test
    void silentUdpServerIsUnreachableWithinTheTimeout() throws Exception {
        try (UdpResponder blackHole = UdpResponder.silent()) {
            long started = System.nanoTime();
            ProbeResult result = probe(Duration.ofMillis(1200))
                    .probe(server(ServerType.CALL_CONTROL, blackHole.port(), Transport.UDP));
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            assertEquals(ProbeStatus.UNREACHABLE, result.status(), result.detail());
            assertEquals("No SIP response over UDP within 1200 ms", result.detail());
            assertNull(result.response());
            assertTrue(tookMillis >= 1100 && tookMillis < 2500, "took " + tookMillis + " ms");
            assertTrue(result.elapsedMillis() >= 1100 && result.elapsedMillis() < 2500, "" + result.elapsedMillis());
            Thread.sleep(50);
            assertTrue(blackHole.receivedCount() >= 2, "retransmitted after T1: " + blackHole.receivedCount());
        }
    }

    @Test
    void closedUdpPortIsUnreachable() throws Exception {
        int port;
        try (UdpResponder gone = UdpResponder.silent()) {
            port = gone.port();
        }
        ProbeResult result = probe(Duration.ofMillis(800)).probe(server(ServerType.CALL_CONTROL, port, Transport.UDP));

        assertEquals(ProbeStatus.UNREACHABLE, result.status(), result.detail());
    }

    @Test
    void closedTcpPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket gone = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = gone.getLocalPort();
        }
        ProbeResult result = probe.probe(server(ServerType.CALL_CONTROL, port, Transport.TCP));

        assertEquals(ProbeStatus.UNREACHABLE, result.status());
        assertEquals("Connection refused", result.detail());
        assertNull(result.response());
    }

    @Test
    void httpHeadIsAnsweredOk() throws Exception {
        try (LoopbackServer web = LoopbackServer.tcp(LoopbackServer.sipAndHttp())) {
            ProbeResult result = probe.probe(server(ServerType.VOICEMAIL, web.port(), Transport.HTTP));

            assertEquals(ProbeStatus.OK, result.status(), result.detail());
            assertEquals("HTTP/1.1 200 OK", result.response());
            String request = web.nextRequest();
            assertTrue(request.startsWith("HEAD / HTTP/1.1\r\n"), request);
            assertTrue(request.contains("\r\nHost: 127.0.0.1:" + web.port() + "\r\n"), request);
            assertTrue(request.contains("\r\nConnection: close\r\n"), request);
        }
    }

    @Test
    void anyStatusCountsAsAnAnswer() throws Exception {
        try (LoopbackServer web = LoopbackServer.tcp(
                LoopbackServer.answering("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n"))) {
            ProbeResult result = probe.probe(server(ServerType.WEB_SERVICE, web.port(), Transport.HTTP));

            assertEquals(ProbeStatus.OK, result.status(), result.detail());
            assertEquals("HTTP/1.1 401 Unauthorized", result.response());
        }
    }

    @Test
    void garbageAnswerIsAProtocolError() throws Exception {
        try (LoopbackServer impostor = LoopbackServer.tcp(LoopbackServer.answering("220 mail.example ESMTP\r\n"))) {
            ProbeResult result = probe.probe(server(ServerType.CALL_CONTROL, impostor.port(), Transport.TCP));

            assertEquals(ProbeStatus.PROTOCOL_ERROR, result.status(), result.detail());
            assertEquals("220 mail.example ESMTP", result.response());
            assertEquals("Connected, but the answer is not a SIP response: 220 mail.example ESMTP", result.detail());
        }
    }

    @Test
    void binaryGarbageIsShownPrintable() throws Exception {
        try (LoopbackServer impostor = LoopbackServer.tcp(LoopbackServer.answering("\u0001\u0002junk\u0007\r\n"))) {
            ProbeResult result = probe.probe(server(ServerType.WEB_SERVICE, impostor.port(), Transport.HTTP));

            assertEquals(ProbeStatus.PROTOCOL_ERROR, result.status(), result.detail());
            assertEquals("??junk?", result.response());
        }
    }

    @Test
    void serverThatHangsUpWithoutAnswerIsAProtocolError() throws Exception {
        try (LoopbackServer mute = LoopbackServer.tcp(LoopbackServer.answering(""))) {
            ProbeResult result = probe.probe(server(ServerType.CALL_CONTROL, mute.port(), Transport.TCP));

            assertEquals(ProbeStatus.PROTOCOL_ERROR, result.status(), result.detail());
            assertEquals("Connected, but the server closed the connection without a SIP response", result.detail());
        }
    }

    @Test
    void serverThatNeverAnswersIsAProtocolErrorWithinTheTimeout() throws Exception {
        try (LoopbackServer mute = LoopbackServer.tcp(LoopbackServer.silent())) {
            ProbeResult result = probe(Duration.ofMillis(700))
                    .probe(server(ServerType.CALL_CONTROL, mute.port(), Transport.TCP));

            assertEquals(ProbeStatus.PROTOCOL_ERROR, result.status(), result.detail());
            assertEquals("Connected, but no SIP response within 700 ms", result.detail());
            assertTrue(result.elapsedMillis() >= 600 && result.elapsedMillis() < 2000, "" + result.elapsedMillis());
        }
    }

    @Test
    void xmppServerAnswersWithItsStreamHeader() throws Exception {
        String header = "<?xml version='1.0'?><stream:stream from='im.example.com' id='x1' version='1.0' "
                + "xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";
        try (LoopbackServer imp = LoopbackServer.tcp(LoopbackServer.greetingFirst(header))) {
            ProbeResult result = probe.probe(server(ServerType.IM_AND_PRESENCE, imp.port(), Transport.TCP));

            assertEquals(ProbeStatus.OK, result.status(), result.detail());
            assertTrue(result.response().startsWith("<stream:stream from='im.example.com'"), result.response());
        }
    }

    @Test
    void xmppPortAnsweringSomethingElseIsAProtocolError() throws Exception {
        try (LoopbackServer imp = LoopbackServer.tcp(LoopbackServer.greetingFirst("SSH-2.0-OpenSSH_9.6\r\n"))) {
            ProbeResult result = probe.probe(server(ServerType.IM_AND_PRESENCE, imp.port(), Transport.TCP));

            assertEquals(ProbeStatus.PROTOCOL_ERROR, result.status(), result.detail());
            assertTrue(result.response().startsWith("SSH-2.0"), result.response());
        }
    }

    @Test
    void tftpIsNotTestable() {
        ProbeResult result = probe.probe(server(ServerType.CONFIG_DOWNLOAD, 69, Transport.TFTP));

        assertEquals(ProbeStatus.NOT_TESTABLE, result.status());
        assertTrue(result.detail().startsWith("TFTP cannot be tested"), result.detail());
        assertTrue(result.elapsedMillis() < 100, "nothing was sent: " + result.elapsedMillis());
    }

    @Test
    void transportTheTypeDoesNotOfferIsNotTestable() {
        ProbeResult result = probe.probe(server(ServerType.VOICEMAIL, 5060, Transport.UDP));

        assertEquals(ProbeStatus.NOT_TESTABLE, result.status());
        assertEquals("UDP is not a transport for voicemail servers", result.detail());
    }

    @Test
    void secureTransportWithoutClientContextIsATlsFailureNotAnException() throws Exception {
        try (LoopbackServer web = LoopbackServer.tcp(LoopbackServer.sipAndHttp())) {
            ServerProbe noTls = new ServerProbe(() -> (SSLContext) null, Clock.systemUTC(), Duration.ofSeconds(2));
            ProbeResult result = noTls.probe(server(ServerType.WEB_SERVICE, web.port(), Transport.HTTPS));

            assertEquals(ProbeStatus.TLS_FAILED, result.status(), result.detail());
            assertTrue(result.detail().contains("no client TLS context"), result.detail());
        }
    }
}
