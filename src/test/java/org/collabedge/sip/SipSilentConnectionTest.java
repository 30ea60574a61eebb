package org.collabedge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that connects to a NIO listener and then says nothing (no TLS handshake, no SIP byte) is closed after the
 * opening deadline, not held for the two-hour idle time-out: otherwise a few thousand silent sockets fill the
 * listener's connection limit and lock real clients out. A client that does talk keeps its connection.
 */
class SipSilentConnectionTest {

    private static final Duration WAIT = Duration.ofSeconds(25);

    private EdgeUnderTest edge;

    @BeforeEach
    void start() throws Exception {
        edge = new EdgeUnderTest();
    }

    @AfterEach
    void stop() {
        edge.close();
    }

    @Test
    void silentTlsAndTcpConnectionsAreClosedAndTheirFlowsForgotten() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (Socket tls = new Socket(loopback, edge.tls); Socket tcp = new Socket(loopback, edge.tcp)) {
            long started = System.nanoTime();
            assertTrue(closedByPeer(tls), "a TLS connection that never starts its handshake is closed");
            assertTrue(closedByPeer(tcp), "a TCP connection that never sends a byte is closed");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(Duration.ofSeconds(5)) > 0, "not at once: the deadline leaves time, " + took);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!edge.metrics.scrape().contains("collabedge_sip_flows 0") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(edge.metrics.scrape().contains("collabedge_sip_flows 0"), "their flows are gone");
    }

    @Test
    void aClientThatTalksKeepsItsConnectionPastTheDeadline() throws Exception {
        try (RawSipClient wire = RawSipClient.tls(edge.tls, edge.trustingClientContext());
             TestPhone alice = new TestPhone(wire, "alice", "example.com", "alice-secret")) {
            assertEquals(200, alice.register(300, "SHA-256").status());
            Thread.sleep(12_000);
            assertEquals(200, alice.register(300, "SHA-256").status(), "same connection, still open");
        }
    }

    /** True when the edge closed the socket within {@link #WAIT}. */
    private static boolean closedByPeer(Socket s) throws IOException {
        s.setSoTimeout((int) WAIT.toMillis());
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
