package org.collabedge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import javax.net.ssl.SSLSocket;

import org.collabedge.config.Transport;
import org.collabedge.sip.config.SipConfig;
import org.collabedge.sip.config.SipSettings;
import org.collabedge.sip.config.StaticRoute;
import org.collabedge.sip.status.FlowState;
import org.collabedge.sip.status.RegistrationView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The default listener (TLS 1.2+ with the edge's certificate), and static routes to a next hop. */
class SipEdgeTlsAndRoutesTest {

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
    void registersOverTlsWithTheEdgeCertificateAndOnlyModernProtocols() throws Exception {
        try (RawSipClient wire = RawSipClient.tls(edge.tls, edge.trustingClientContext());
             TestPhone carol = new TestPhone(wire, "carol", "example.com", "carol-secret")) {
            assertEquals(200, carol.register(300, "SHA-256").status());
            RegistrationView view = edge.service.registrations().get(0);
            assertEquals("TLS", view.transport());
            assertEquals(FlowState.OPEN, view.flowState());
        }
        try (SSLSocket old = (SSLSocket) edge.trustingClientContext().getSocketFactory()
                .createSocket(java.net.InetAddress.getLoopbackAddress(), edge.tls)) {
            old.setEnabledProtocols(new String[] {"TLSv1.1"});
            boolean refused;
            try {
                old.startHandshake();
                refused = false;
            } catch (java.io.IOException expected) {
                refused = true;
            }
            assertTrue(refused, "TLS 1.1 is refused");
        }
    }

    @Test
    void changedListenerSettingsReopenTheListenersLive() throws Exception {
        int newUdp = EdgeUnderTest.freePort();
        org.collabedge.config.EdgeConfig before = edge.config;
        org.collabedge.config.EdgeSettings s = before.settings();
        org.collabedge.config.EdgeSettings changed = new org.collabedge.config.EdgeSettings(s.publicHostName(),
                s.listenAddress(), s.sipTlsEnabled(), s.sipTlsPort(), false, s.sipTcpPort(), true, newUdp,
                s.sipWssEnabled(), s.sipWssPort(), s.httpsPort(), s.mediaPortMin(), s.mediaPortMax(),
                s.turnEnabled(), s.turnPort());
        edge.config = new org.collabedge.config.EdgeConfig(before.deployments(), before.domains(), before.servers(),
                changed);
        assertEquals(null, edge.service.configListener().onChange(before, edge.config), "applied live");
        assertEquals(java.util.Map.of("TLS", edge.tls, "UDP", newUdp), edge.service.ports());
        try (TestPhone alice = new TestPhone(RawSipClient.udp(newUdp), "alice", "example.com", "alice-secret")) {
            assertEquals(200, alice.register(300, "SHA-256").status());
        }
        boolean tcpClosed;
        try (java.net.Socket ignored = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), edge.tcp)) {
            tcpClosed = false;
        } catch (java.io.IOException refused) {
            tcpClosed = true;
        }
        assertTrue(tcpClosed, "TCP switched off");
    }

    @Test
    void aStaticRouteSendsRequestsForItsDomainToTheNextHop() throws Exception {
        try (RawSipClient partner = RawSipClient.udp(edge.udp);
             TestPhone alice = new TestPhone(RawSipClient.tcp(edge.tcp), "alice", "example.com", "alice-secret")) {
            edge.sipConfig = new SipConfig(SipSettings.defaults(), List.of(new StaticRoute("r1", "*@partner.net",
                    "127.0.0.1", partner.localPort(), Transport.UDP, false, "partner")));
            assertEquals(200, alice.register(300, "SHA-256").status());
            String target = "sip:dave@partner.net";
            alice.wire.send(alice.request("MESSAGE", target, target, "s-1", "t1", null, List.of(), null));
            SipMsg challenge = alice.wire.expectStatus(407);
            String auth = alice.answer(challenge.header("Proxy-Authenticate"), "MESSAGE", target, "alice-secret");
            alice.wire.send(alice.request("MESSAGE", target, target, "s-1", "t1", null,
                    List.of("Proxy-Authorization: " + auth), null));
            SipMsg at = partner.expectRequest("MESSAGE");
            assertEquals(target, at.requestUri(), "the Request-URI stays; only the next hop is the route's");
            assertTrue(at.headers("Via").get(0).startsWith("SIP/2.0/UDP 127.0.0.1:" + edge.udp));
            assertEquals(2, at.headers("Record-Route").size(), "TCP in, UDP out: double Record-Route");
            TestPhone dave = new TestPhone(partner, "dave", "partner.net", "");
            partner.send(dave.respond(at, 202, "Accepted", "d1", null));
            assertEquals(202, alice.wire.expectStatus(202).status());
        }
    }

    @Test
    void aTlsClientIsCalledOverItsOwnConnection() throws Exception {
        try (TestPhone carol = new TestPhone(RawSipClient.tls(edge.tls, edge.trustingClientContext()), "carol",
                "example.com", "carol-secret");
             TestPhone alice = new TestPhone(RawSipClient.udp(edge.udp), "alice", "example.com", "alice-secret")) {
            assertEquals(200, carol.register(300, "SHA-256").status());
            assertEquals(200, alice.register(300, "MD5").status());
            String target = carol.aor();
            alice.wire.send(alice.request("MESSAGE", target, target, "m-1", "t1", null, List.of(), null));
            SipMsg challenge = alice.wire.expectStatus(407);
            String auth = alice.answer(challenge.headers("Proxy-Authenticate").get(1), "MESSAGE", target,
                    "alice-secret");
            alice.wire.send(alice.request("MESSAGE", target, target, "m-1", "t1", null,
                    List.of("Proxy-Authorization: " + auth), null));
            SipMsg message = carol.wire.expectRequest("MESSAGE");
            assertTrue(message.headers("Via").get(0).startsWith("SIP/2.0/TLS"));
            carol.wire.send(carol.respond(message, 200, "OK", "c1", null));
            assertEquals(200, alice.wire.expectStatus(200).status());
        }
    }
}
