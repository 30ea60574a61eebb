package org.collabedge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.collabedge.config.Deployment;
import org.collabedge.config.Domain;
import org.collabedge.config.EdgeSettings;
import org.collabedge.core.EdgeCore;
import org.collabedge.protection.CategorySettings;
import org.collabedge.protection.FailureCategory;
import org.collabedge.protection.ProtectionService;
import org.collabedge.standalone.StandaloneHost;
import org.collabedge.standalone.StandaloneSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages JAIN-SIP's own parser refuses (before the edge's validator runs) still count as SIP protocol failures of
 * their sender: with the "SIP protocol violation" rule on, a handful of garbage messages from one loopback address
 * bans it, over UDP and TCP alike, while a phone on another address keeps registering. Runs the edge as the
 * standalone host wires it, with the real intrusion protection.
 */
class SipGarbageBanTest {

    private static final int THRESHOLD = 5;

    @TempDir
    Path data;

    private StandaloneHost host;
    private int udp;
    private int tcp;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(data.resolve("collabedge.properties"),
                "admin.port=0\nadmin.password=correct horse battery\nnode.id=node-a\npublic.host.name=localhost\n");
        host = new StandaloneHost(StandaloneSettings.load(data), Clock.systemUTC());
        host.start();
        udp = EdgeUnderTest.freePort();
        tcp = EdgeUnderTest.freePort();
        EdgeCore core = host.core();
        EdgeSettings d = core.config().current().settings();
        core.config().saveSettings(new EdgeSettings("localhost", "127.0.0.1", false, d.sipTlsPort(), true, tcp,
                true, udp, false, d.sipWssPort(), EdgeUnderTest.freePort(), 20000, 20100, false, d.turnPort()));
        core.config().saveDomain(null, new Domain("example.com", true, false, false, false, Deployment.DEFAULT_ID));
        host.users().put("alice", "directory-password-1".toCharArray(), "Alice", "alice@example.com");
        core.sipSecrets().set("alice", "Secret-for-SIP-2026".toCharArray());
        ProtectionService protection = core.protectionService();
        protection.config().saveRules(protection.config().current().withCategory(FailureCategory.SIP_PROTOCOL,
                new CategorySettings(true, THRESHOLD, 600, 600)));
    }

    @AfterEach
    void stop() {
        host.stop();
    }

    @Test
    void garbageDatagramsFromOneAddressBanItWhileAnotherKeepsRegistering() throws Exception {
        InetAddress attacker = InetAddress.getByName("127.0.0.2");
        try (DatagramSocket flood = new DatagramSocket(new InetSocketAddress(attacker, 0));
             TestPhone alice = new TestPhone(RawSipClient.udp(udp), "alice", "example.com", "Secret-for-SIP-2026")) {
            for (int i = 0; i < THRESHOLD; i++) {
                byte[] garbage = ("NOT A SIP MESSAGE " + i + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                flood.send(new DatagramPacket(garbage, garbage.length, InetAddress.getLoopbackAddress(), udp));
            }
            awaitBan(attacker);

            byte[] ping = options(flood.getLocalPort(), "UDP", "127.0.0.2").getBytes(StandardCharsets.US_ASCII);
            flood.send(new DatagramPacket(ping, ping.length, InetAddress.getLoopbackAddress(), udp));
            flood.setSoTimeout(500);
            boolean answered;
            try {
                flood.receive(new DatagramPacket(new byte[4096], 4096));
                answered = true;
            } catch (java.net.SocketTimeoutException dropped) {
                answered = false;
            }
            assertFalse(answered, "the banned address is no longer served");
            assertEquals(200, alice.register(600, "SHA-256").status(), "127.0.0.1 is not affected");
        }
    }

    @Test
    void garbageOverTcpCountsTooAndTheBanRefusesNewConnections() throws Exception {
        InetAddress attacker = InetAddress.getByName("127.0.0.3");
        // The stack closes a connection whose request line or mandatory header does not parse: one per connection.
        for (int i = 0; i < THRESHOLD; i++) {
            try (Socket flood = new Socket()) {
                flood.bind(new InetSocketAddress(attacker, 0));
                flood.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), tcp), 3000);
                flood.getOutputStream().write(("INVITE sip:bob@example.com SIP/2.0\r\nCSeq: x y z\r\n"
                        + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                flood.setSoTimeout(3000);
                assertEquals(-1, flood.getInputStream().read(), "the stack closed the connection");
            }
        }
        awaitBan(attacker);
        try (Socket again = new Socket()) {
            again.bind(new InetSocketAddress(attacker, 0));
            again.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), tcp), 3000);
            again.setSoTimeout(3000);
            int read;
            try {
                read = again.getInputStream().read();
            } catch (java.io.IOException reset) {
                read = -1;
            }
            assertEquals(-1, read, "a banned address's new connection is closed before anything is read");
        }
        try (TestPhone alice = new TestPhone(RawSipClient.tcp(tcp), "alice", "example.com", "Secret-for-SIP-2026")) {
            assertEquals(200, alice.register(600, "SHA-256").status());
        }
    }

    private void awaitBan(InetAddress address) throws InterruptedException {
        ProtectionService protection = host.core().protectionService();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline && protection.protection().gate().admits(address)) {
            protection.flush();
            Thread.sleep(20);
        }
        assertFalse(protection.protection().gate().admits(address), address + " banned");
        assertTrue(protection.bans().current().stream().anyMatch(b -> b.address().equals(address.getHostAddress())
                && b.failureCategory() == FailureCategory.SIP_PROTOCOL), protection.bans().current().toString());
    }

    private String options(int localPort, String transport, String host) {
        return "OPTIONS sip:127.0.0.1:" + udp + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " " + host + ":" + localPort + ";branch=" + TestPhone.branch() + "\r\n"
                + "From: <sip:probe@example.com>;tag=p1\r\nTo: <sip:127.0.0.1>\r\nCall-ID: probe-" + System.nanoTime()
                + "\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    }
}
