package org.collabedge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import javax.net.ssl.SSLSocket;

import org.collabedge.sip.status.FlowState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client TLS and TCP listeners run on JAIN-SIP's NIO processors: connections share the selector instead of taking
 * two threads each, and what the blocking listeners guaranteed still holds: a new certificate is served on the next
 * handshake, a banned source is closed before the handshake and a ban closes its open connections (their
 * registrations marked closed at once).
 */
class SipTlsListenerTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private EdgeUnderTest edge;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        edge = new EdgeUnderTest();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        edge.close();
    }

    @Test
    void aNewCertificateIsServedOnTheNextHandshakeWithoutRestartingTheListener() throws Exception {
        X509Certificate before = edge.certificates.identity().certificate();
        assertEquals(before, servedCertificate(), "the listener presents the edge's certificate");
        SSLSocket earlier = handshake();

        edge.certificates.regenerateSelfSigned("renewed.example.com");
        X509Certificate renewed = edge.certificates.identity().certificate();
        assertNotEquals(before, renewed);
        assertEquals(renewed, servedCertificate(), "the next handshake presents the new certificate");
        assertTrue(handshake().getSession().getProtocol().matches("TLSv1\\.[23]"), "TLS 1.2 or 1.3 only");
        assertEquals(before, earlier.getSession().getPeerCertificates()[0], "open connections keep theirs");

        try (RawSipClient wire = RawSipClient.tls(edge.tls, edge.trustingClientContext());
             TestPhone carol = new TestPhone(wire, "carol", "example.com", "carol-secret")) {
            assertEquals(200, carol.register(300, "SHA-256").status(), "and SIP works over it");
        }
    }

    @Test
    void aBanClosesOpenTlsAndTcpConnectionsAndRefusesNewOnesBeforeTheHandshake() throws Exception {
        TestPhone tlsPhone = phone(RawSipClient.tls(edge.tls, edge.trustingClientContext()), "alice");
        assertEquals(200, tlsPhone.register(600, "SHA-256").status());
        TestPhone tcpPhone = phone(RawSipClient.tcp(edge.tcp), "bob");
        assertEquals(200, tcpPhone.register(600, "SHA-256").status());
        assertTrue(edge.service.registrations().stream().allMatch(r -> r.flowState() == FlowState.OPEN));

        edge.gate.ban(LOOPBACK);
        assertTrue(tlsPhone.wire.closedByPeer(Duration.ofSeconds(5)), "the ban closed the TLS connection");
        assertTrue(tcpPhone.wire.closedByPeer(Duration.ofSeconds(5)), "and the TCP one");
        awaitTrue(() -> edge.service.registrations().stream().allMatch(r -> r.flowState() == FlowState.CLOSED));
        for (int port : new int[] {edge.tls, edge.tcp}) {
            try (Socket plain = new Socket(LOOPBACK, port)) {
                plain.setSoTimeout(2000);
                assertEquals(-1, readOrEnd(plain), "closed before a single byte on " + port);
            }
        }

        edge.gate.unban(LOOPBACK);
        assertTrue(handshake().isConnected(), "admitted again after the ban");
    }

    @Test
    void connectionsShareTheSelectorInsteadOfTakingThreads() throws Exception {
        handshake();
        int before = ManagementFactory.getThreadMXBean().getThreadCount();
        for (int i = 0; i < 60; i++) {
            handshake();
        }
        int grown = ManagementFactory.getThreadMXBean().getThreadCount() - before;
        assertTrue(grown < 15, "60 TLS connections added " + grown + " threads (blocking listeners: 120)");
        TestPhone carol = phone(RawSipClient.tls(edge.tls, edge.trustingClientContext()), "carol");
        assertEquals(200, carol.register(300, "SHA-256").status(), "the listener still answers");
    }

    private TestPhone phone(RawSipClient wire, String user) {
        TestPhone phone = new TestPhone(wire, user, "example.com", user + "-secret");
        open.add(phone);
        return phone;
    }

    private SSLSocket handshake() throws IOException {
        SSLSocket s = (SSLSocket) edge.trustingClientContext().getSocketFactory().createSocket(LOOPBACK, edge.tls);
        open.add(s);
        s.startHandshake();
        return s;
    }

    private X509Certificate servedCertificate() throws IOException {
        try (SSLSocket s = (SSLSocket) edge.trustingClientContext().getSocketFactory()
                .createSocket(LOOPBACK, edge.tls)) {
            s.startHandshake();
            return (X509Certificate) s.getSession().getPeerCertificates()[0];
        }
    }

    private static int readOrEnd(Socket plain) throws IOException {
        try {
            return plain.getInputStream().read();
        } catch (java.net.SocketException reset) {
            return -1; // a reset is as closed as an orderly end
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline && !condition.getAsBoolean()) {
            Thread.sleep(20);
        }
        assertTrue(condition.getAsBoolean(), "condition not met within 5 s");
    }
}
