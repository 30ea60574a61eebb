package org.collabedge.sip.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.collabedge.sip.transport.Flow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 3263 resolution against a loopback DNS server: NAPTR, SRV priority and weight, A/AAAA, caching by TTL. */
class SipDnsResolverTest {

    private LoopbackDns dns;
    private final AtomicLong now = new AtomicLong();
    private SipDnsResolver resolver;

    @BeforeEach
    void start() throws Exception {
        dns = new LoopbackDns();
        resolver = dns.sipResolver(now::get, new java.util.Random(7));
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void naptrPicksTheTransportsInOrderThenSrvThenAddresses() {
        dns.naptr("cc.test", 20, 10, "SIP+D2T", "_sip._tcp.cc.test", 300)
                .naptr("cc.test", 10, 10, "SIPS+D2T", "_sips._tcp.cc.test", 300)
                .naptr("cc.test", 30, 10, "SIP+D2U", "_sip._udp.cc.test", 300)
                .srv("_sips._tcp.cc.test", 10, 0, 5071, "a.cc.test", 300)
                .srv("_sip._tcp.cc.test", 10, 0, 5070, "b.cc.test", 300)
                .srv("_sip._udp.cc.test", 10, 0, 5072, "b.cc.test", 300)
                .a("a.cc.test", "127.0.0.11", 300)
                .a("b.cc.test", "127.0.0.12", 300)
                .a("b.cc.test", "::1", 300);
        List<NextHop> hops = resolver.resolve("cc.test", 0, List.of("TCP", "TLS"));
        assertEquals(List.of(new Flow("TLS", "127.0.0.11", 5071), new Flow("TCP", "127.0.0.12", 5070),
                new Flow("TCP", "0:0:0:0:0:0:0:1", 5070)), hops.stream().map(NextHop::flow).toList(),
                "NAPTR order first (TLS before TCP); UDP is not acceptable for a TCP server; A before AAAA");
        assertTrue(hops.stream().allMatch(h -> h.tlsName().equals("cc.test")),
                "certificates are checked against the configured domain, not the SRV target (RFC 5922)");
    }

    @Test
    void withoutNaptrTheSrvNamesOfTheAcceptableTransportsAreAsked() {
        dns.srv("_sip._tcp.cc.test", 10, 0, 5070, "b.cc.test", 300).a("b.cc.test", "127.0.0.12", 300);
        List<NextHop> hops = resolver.resolve("cc.test", 0, List.of("TCP", "TLS"));
        assertEquals(List.of(new Flow("TCP", "127.0.0.12", 5070)), hops.stream().map(NextHop::flow).toList());
        assertEquals(List.of("NAPTR cc.test", "SRV _sip._tcp.cc.test", "A b.cc.test", "AAAA b.cc.test",
                "SRV _sips._tcp.cc.test"), dns.questions());
    }

    @Test
    void withoutSrvTheHostsOwnAddressOnTheDefaultPort() {
        dns.a("cc.test", "127.0.0.13", 300);
        assertEquals(List.of(new NextHop(new Flow("TLS", "127.0.0.13", 5061), "cc.test")),
                resolver.resolve("cc.test", 0, List.of("TLS")));
    }

    @Test
    void anExplicitPortAsksOnlyForAddresses() {
        dns.srv("_sip._tcp.cc.test", 10, 0, 5070, "b.cc.test", 300).a("cc.test", "127.0.0.13", 300);
        assertEquals(List.of(new NextHop(new Flow("TCP", "127.0.0.13", 5999), "cc.test")),
                resolver.resolve("cc.test", 5999, List.of("TCP")));
        assertEquals(List.of("A cc.test", "AAAA cc.test"), dns.questions());
        assertEquals(List.of(new NextHop(new Flow("UDP", "127.0.0.9", 5060), "127.0.0.9")),
                resolver.resolve("127.0.0.9", 0, List.of("UDP")), "an IP literal is not looked up");
    }

    @Test
    void lowerPriorityAlwaysFirstAndWeightsShareTheFirstPlace() {
        dns.srv("_sip._tcp.cc.test", 20, 100, 5070, "backup.cc.test", 300)
                .srv("_sip._tcp.cc.test", 10, 30, 5070, "heavy.cc.test", 300)
                .srv("_sip._tcp.cc.test", 10, 10, 5070, "light.cc.test", 300)
                .a("backup.cc.test", "127.0.0.20", 300)
                .a("heavy.cc.test", "127.0.0.21", 300)
                .a("light.cc.test", "127.0.0.22", 300);
        int heavyFirst = 0;
        int runs = 2000;
        for (int i = 0; i < runs; i++) {
            List<String> order = resolver.resolve("cc.test", 0, List.of("TCP")).stream()
                    .map(h -> h.flow().host()).toList();
            assertEquals(3, order.size());
            assertEquals("127.0.0.20", order.get(2), "priority 20 only after every priority 10 target");
            if (order.get(0).equals("127.0.0.21")) {
                heavyFirst++;
            }
        }
        double share = heavyFirst / (double) runs;
        assertTrue(share > 0.70 && share < 0.80, "weight 30 against 10 comes first about 3/4 of the time: " + share);
    }

    @Test
    void answersAreCachedForTheirTtl() {
        dns.srv("_sip._tcp.cc.test", 10, 0, 5070, "b.cc.test", 60).a("b.cc.test", "127.0.0.12", 600);
        resolver.resolve("cc.test", 0, List.of("TCP"));
        int asked = dns.questions().size();
        now.addAndGet(29_000_000_000L);
        resolver.resolve("cc.test", 0, List.of("TCP"));
        assertEquals(asked, dns.questions().size(), "within the TTL nothing is asked again");
        dns.clear();
        dns.srv("_sip._tcp.cc.test", 10, 0, 5080, "b.cc.test", 60);
        now.addAndGet(32_000_000_000L);
        assertEquals(List.of(new Flow("TCP", "127.0.0.12", 5080)),
                resolver.resolve("cc.test", 0, List.of("TCP")).stream().map(NextHop::flow).toList(),
                "the SRV answer expired and is asked again; the address record is still cached");
        assertEquals(List.of("NAPTR cc.test", "SRV _sip._tcp.cc.test", "AAAA b.cc.test"),
                dns.questions().subList(asked, dns.questions().size()),
                "the empty NAPTR and AAAA answers (kept 30 s) expired too; A b.cc.test (600 s) did not");
    }

    @Test
    void dnsNeverLowersTheConfiguredTransport() {
        Set<String> all = Set.of("TLS", "TCP", "UDP");
        assertEquals(List.of("TLS"), SipDnsResolver.acceptable("TLS", all));
        assertEquals(List.of("TCP", "TLS"), SipDnsResolver.acceptable("tcp", all));
        assertEquals(List.of("UDP", "TCP"), SipDnsResolver.acceptable("UDP", Set.of("UDP", "TCP")));
    }

    @Test
    void aDeadNameServerIsAskedAgainOnlyAfterAFewSeconds() throws Exception {
        int port;
        try (java.net.DatagramSocket closed = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        org.xbill.DNS.SimpleResolver dead = new org.xbill.DNS.SimpleResolver(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
        SipDnsResolver r = new SipDnsResolver(dead, now::get, new java.util.Random(1));
        dead.setTimeout(java.time.Duration.ofMillis(300));
        long start = System.nanoTime();
        assertEquals(List.of(), r.resolve("cc.test", 5060, List.of("TCP")));
        long first = System.nanoTime() - start;
        start = System.nanoTime();
        assertEquals(List.of(), r.resolve("cc.test", 5060, List.of("TCP")));
        long second = System.nanoTime() - start;
        assertTrue(second < first / 4, "the failure is remembered: " + first / 1_000_000 + " ms, then "
                + second / 1_000_000 + " ms");
    }

    @Test
    void anUnknownNameGivesNoHops() {
        assertEquals(List.of(), resolver.resolve("nowhere.test", 0, List.of("TLS")));
    }

    @Test
    void anAnswerWithHundredsOfTargetsIsCutToTheFirstFew() {
        for (int i = 0; i < 300; i++) {
            dns.srv("_sip._tcp.many.test", 10, 1, 6000 + i, "t" + i + ".many.test", 300)
                    .a("t" + i + ".many.test", "127.0.0.1", 300);
        }
        List<NextHop> hops = resolver.resolve("many.test", 0, List.of("TCP"));
        assertEquals(SipDnsResolver.MAX_TARGETS, hops.size(), "one hop per target looked up");
        assertEquals(SipDnsResolver.MAX_TARGETS, dns.questions().stream().filter(q -> q.startsWith("A ")).count(),
                "targets beyond the first " + SipDnsResolver.MAX_TARGETS + " are not even asked for");
    }

    @Test
    void hundredsOfNaptrServicesAreCutToTheFirstFew() {
        for (int i = 0; i < 200; i++) {
            dns.naptr("many.test", 10, i, "SIP+D2T", "_sip._tcp.s" + i + ".many.test", 300);
        }
        assertEquals(List.of(), resolver.resolve("many.test", 0, List.of("TCP")));
        assertEquals(SipDnsResolver.MAX_TARGETS, dns.questions().stream().filter(q -> q.startsWith("SRV ")).count());
    }

    @Test
    void aSlowZoneGivesUpAfterTheBudgetWithTheHopsFoundByThen() {
        SipDnsResolver hurried = dns.sipResolver(now::get, new java.util.Random(3), java.time.Duration.ofMillis(800));
        dns.srv("_sip._tcp.slow.test", 10, 0, 5070, "fast.slow.test", 300).a("fast.slow.test", "127.0.0.21", 300);
        for (int i = 0; i < 10; i++) {
            dns.srv("_sip._tcp.slow.test", 20, 0, 5070, "mute" + i + ".slow.test", 300).silent("mute" + i + ".slow.test");
        }
        long start = System.nanoTime();
        List<NextHop> hops = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(5), () -> hurried.resolve("slow.test", 0, List.of("TCP")));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(List.of(new Flow("TCP", "127.0.0.21", 5070)), hops.stream().map(NextHop::flow).toList());
        assertTrue(tookMillis < 2_000, "bounded by the budget, not by one timeout per target: " + tookMillis + " ms");
    }
}
