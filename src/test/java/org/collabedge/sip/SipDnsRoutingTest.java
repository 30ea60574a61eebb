package org.collabedge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.collabedge.config.Transport;
import org.collabedge.sip.config.SipConfig;
import org.collabedge.sip.config.SipSettings;
import org.collabedge.sip.config.StaticRoute;
import org.collabedge.sip.dns.LoopbackDns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Static routes given without a port are resolved through DNS (RFC 3263) against a loopback name server: the SRV
 * targets are tried in priority order, a 503 or a refused connection moves on to the next, and TLS asks for the
 * configured name, not the SRV target's.
 */
class SipDnsRoutingTest {

    private EdgeUnderTest edge;
    private LoopbackDns dns;

    @BeforeEach
    void start() throws Exception {
        edge = new EdgeUnderTest();
        dns = new LoopbackDns();
        edge.service.useDns(dns.sipResolver(System::nanoTime, new java.util.Random(1)));
    }

    @AfterEach
    void stop() {
        edge.close();
        dns.close();
    }

    @Test
    void srvTargetsAreTriedInPriorityOrderAndA503MovesOnToTheNext() throws Exception {
        try (RawSipClient first = RawSipClient.udp(edge.udp);
             RawSipClient second = RawSipClient.udp(edge.udp);
             TestPhone alice = new TestPhone(RawSipClient.tcp(edge.tcp), "alice", "example.com", "alice-secret")) {
            dns.srv("_sip._udp.partner.test", 20, 0, second.localPort(), "b.partner.test", 300)
                    .srv("_sip._udp.partner.test", 10, 0, first.localPort(), "a.partner.test", 300)
                    .a("a.partner.test", "127.0.0.1", 300)
                    .a("b.partner.test", "127.0.0.1", 300);
            route("partner.test", Transport.UDP);
            assertEquals(200, alice.register(300, "SHA-256").status());
            sendMessage(alice, "sip:dave@partner.net");
            SipMsg atFirst = first.expectRequest("MESSAGE");
            TestPhone dave = new TestPhone(first, "dave", "partner.net", "");
            first.send(dave.respond(atFirst, 503, "Service Unavailable", "d1", null));
            SipMsg atSecond = second.expectRequest("MESSAGE");
            assertEquals("sip:dave@partner.net", atSecond.requestUri());
            second.send(new TestPhone(second, "dave", "partner.net", "").respond(atSecond, 202, "Accepted", "d2",
                    null));
            assertEquals(202, alice.wire.expectStatus(202).status(), "the second target's answer reaches alice");
            assertTrue(dns.questions().contains("SRV _sip._udp.partner.test"));
        }
    }

    @Test
    void aRefusedConnectionMovesOnAndTlsAsksForTheConfiguredName() throws Exception {
        int closed = EdgeUnderTest.freePort();
        try (SSLServerSocket hop = (SSLServerSocket) edge.certificates.serverSslContext().getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress());
             TestPhone alice = new TestPhone(RawSipClient.tcp(edge.tcp), "alice", "example.com", "alice-secret")) {
            CompletableFuture<String> sni = new CompletableFuture<>();
            SSLParameters p = hop.getSSLParameters();
            p.setSNIMatchers(List.of(new SNIMatcher(0) {
                @Override
                public boolean matches(SNIServerName name) {
                    sni.complete(((SNIHostName) name).getAsciiName());
                    return true;
                }
            }));
            hop.setSSLParameters(p);
            Thread accept = new Thread(() -> {
                try (SSLSocket s = (SSLSocket) hop.accept()) {
                    s.startHandshake();
                } catch (IOException expected) {
                    // the edge refuses our certificate: it does not name secure.test
                }
            });
            accept.setDaemon(true);
            accept.start();
            dns.naptr("secure.test", 10, 10, "SIPS+D2T", "_sips._tcp.secure.test", 300)
                    .srv("_sips._tcp.secure.test", 5, 0, closed, "down.secure.test", 300)
                    .srv("_sips._tcp.secure.test", 10, 0, hop.getLocalPort(), "up.secure.test", 300)
                    .a("down.secure.test", "127.0.0.1", 300)
                    .a("up.secure.test", "127.0.0.1", 300);
            route("secure.test", Transport.TLS);
            assertEquals(200, alice.register(300, "SHA-256").status());
            sendMessage(alice, "sip:dave@partner.net");
            assertEquals("secure.test", sni.get(10, TimeUnit.SECONDS),
                    "after the refused first target, TLS names the configured domain, not up.secure.test");
            int status = alice.wire.expectStatus(503).status();
            assertEquals(503, status, "no target left that the edge can trust: 503");
        }
    }

    private void route(String host, Transport transport) {
        edge.sipConfig = new SipConfig(SipSettings.defaults(), List.of(new StaticRoute("r1", "*@partner.net", host,
                0, transport, transport == Transport.TLS, "partner")));
    }

    private static void sendMessage(TestPhone alice, String target) throws IOException {
        alice.wire.send(alice.request("MESSAGE", target, target, "dns-1", "t1", null, List.of(), null));
        SipMsg challenge = alice.wire.expectStatus(407);
        String auth = alice.answer(challenge.header("Proxy-Authenticate"), "MESSAGE", target, "alice-secret");
        alice.wire.send(alice.request("MESSAGE", target, target, "dns-1", "t1", null,
                List.of("Proxy-Authorization: " + auth), null));
    }

}
