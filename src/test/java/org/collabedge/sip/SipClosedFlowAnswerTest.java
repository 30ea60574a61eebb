package org.collabedge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An answer for a client whose connection has closed is dropped: the edge never opens a new connection to the
 * client's source port (RFC 5923, RFC 5626), which behind NAT reaches nothing and would leave a connection the
 * listener neither admitted nor tracks.
 */
class SipClosedFlowAnswerTest {

    private EdgeUnderTest edge;
    private TestPhone bob;

    @BeforeEach
    void start() throws Exception {
        edge = new EdgeUnderTest();
        bob = new TestPhone(RawSipClient.tcp(edge.tcp), "bob", "example.com", "bob-secret");
        assertEquals(200, bob.register(600, "SHA-256").status());
    }

    @AfterEach
    void stop() throws Exception {
        bob.close();
        edge.close();
    }

    @Test
    void theAnswerToAClientThatHungUpIsNotSentOverANewConnection() throws Exception {
        RawSipClient wire = RawSipClient.tcp(edge.tcp);
        TestPhone alice = new TestPhone(wire, "alice", "example.com", "alice-secret");
        int alicePort = wire.localPort();
        String target = bob.aor();
        String callId = UUID.randomUUID().toString();
        String fromTag = TestDialog.newTag();
        wire.send(alice.request("MESSAGE", target, target, callId, fromTag, null, List.of(), "text/plain", "hi"));
        SipMsg challenge = wire.expectStatus(407);
        String auth = "Proxy-Authorization: " + alice.answer(challenge.header("Proxy-Authenticate"), "MESSAGE",
                target, "alice-secret");
        wire.send(alice.request("MESSAGE", target, target, callId, fromTag, null, List.of(auth), "text/plain", "hi"));
        SipMsg message = bob.wire.expectRequest("MESSAGE");
        wire.abort(); // alice hangs up before bob answers
        awaitFlows(1);

        try (ServerSocket alicesOldPort = new ServerSocket()) {
            alicesOldPort.setReuseAddress(true);
            alicesOldPort.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), alicePort));
            alicesOldPort.setSoTimeout(3000);
            bob.wire.send(bob.respond(message, 200, "OK", TestDialog.newTag(), null));
            assertThrows(SocketTimeoutException.class, () -> alicesOldPort.accept().close(),
                    "the edge did not connect to the client's old source port");
        }
        assertEquals(200, bob.register(600, "SHA-256").status(), "and it goes on serving the others");
    }

    private void awaitFlows(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!edge.metrics.scrape().contains("collabedge_sip_flows " + n) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(true, edge.metrics.scrape().contains("collabedge_sip_flows " + n), edge.metrics.scrape());
    }
}
