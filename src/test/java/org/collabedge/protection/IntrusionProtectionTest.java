package org.collabedge.protection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Automated intrusion protection on a two-node cluster sharing one state, driven by a test clock. */
class IntrusionProtectionTest {

    private static final FailureCategory AUTH = FailureCategory.HTTP_PROXY_AUTHORIZATION;

    @TempDir
    Path data;
    private ClusterOfCores cluster;
    private Protection a;
    private Protection b;

    @BeforeEach
    void start() {
        cluster = new ClusterOfCores(data, 2);
        a = cluster.nodes.get(0).protection();
        b = cluster.nodes.get(1).protection();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    /** Reports failures as a listener would, then waits until they are counted (that happens off the caller). */
    private void fail(Protection p, FailureCategory c, InetAddress source, int times) {
        for (int i = 0; i < times; i++) {
            p.events().failure(c, source, "alice");
        }
        cluster.flushAll();
    }

    @Test
    void bruteForceFromOneAddressIsBannedOnEveryNodeWhileOthersKeepWorking() throws Exception {
        InetAddress attacker = ip("203.0.113.7");
        InetAddress good = ip("198.51.100.20");
        List<InetAddress> closedOnA = new CopyOnWriteArrayList<>();
        List<InetAddress> closedOnB = new CopyOnWriteArrayList<>();
        a.gate().onBan(closedOnA::add);
        b.gate().onBan(closedOnB::add);

        fail(a, AUTH, attacker, 3);
        fail(b, AUTH, attacker, 1); // the count is cluster-wide: four so far, threshold five
        fail(a, AUTH, good, 1);
        assertTrue(a.gate().admits(attacker));
        fail(b, AUTH, attacker, 1);

        assertFalse(b.gate().admits(attacker), "banned at once on the node that saw the fifth failure");
        assertEquals(List.of(attacker), closedOnB, "its open connections there are closed at once");
        cluster.refreshAll();
        assertFalse(a.gate().admits(attacker), "and on the other node at its next refresh");
        assertEquals(List.of(attacker), closedOnA);
        assertTrue(a.gate().admits(good));
        assertTrue(b.gate().admits(good));

        Ban ban = cluster.protection(0).bans().current().get(0);
        assertEquals("203.0.113.7", ban.address());
        assertEquals(AUTH, ban.failureCategory());
        assertEquals(Duration.ofSeconds(600), Duration.between(ban.since(), ban.until()));
        String metrics = cluster.nodes.get(1).metrics().scrape();
        assertTrue(metrics.contains("collabedge_protection_bans_total{category=\"http_proxy_authorization\"} 1.0"),
                metrics);
        assertTrue(metrics.contains("collabedge_protection_active_bans 1.0"), metrics);
    }

    @Test
    void aBannedIpv4AddressStaysBannedWhenItComesBackIpv4MappedOnADualStackSocket() throws Exception {
        InetAddress attacker = ip("203.0.113.17");
        fail(a, AUTH, attacker, 5);
        assertFalse(a.gate().admits(CidrTest.mapped("203.0.113.17")), "::ffff:203.0.113.17 is the same client");
        fail(b, AUTH, CidrTest.mapped("203.0.113.18"), 5);
        assertFalse(b.gate().admits(ip("203.0.113.18")), "and failures counted either way ban the one address");
    }

    @Test
    void aBanExpiresAfterItsDurationAndTheAddressStartsAfresh() throws Exception {
        InetAddress attacker = ip("203.0.113.8");
        fail(a, AUTH, attacker, 5);
        cluster.refreshAll();
        cluster.clock.advance(Duration.ofSeconds(599));
        assertFalse(b.gate().admits(attacker));
        cluster.clock.advance(Duration.ofSeconds(1));
        assertTrue(a.gate().admits(attacker), "an expired ban stops at once, before any refresh");
        assertTrue(b.gate().admits(attacker));
        cluster.refreshAll();
        assertTrue(cluster.protection(1).bans().current().isEmpty());
        assertEquals(1, cluster.protection(1).metrics().unbans("expired"));
        fail(a, AUTH, attacker, 4);
        assertTrue(a.gate().admits(attacker), "the failures before the ban no longer count");
    }

    @Test
    void aNewBanAfterAnExpiryAnotherNodeHadNotSeenYetStillReachesIt() throws Exception {
        InetAddress attacker = ip("203.0.113.12");
        fail(a, AUTH, attacker, 5);
        cluster.refreshAll();
        cluster.clock.advance(Duration.ofSeconds(600));
        fail(a, AUTH, attacker, 5); // banned again before node B refreshed
        cluster.refreshAll();
        assertFalse(b.gate().admits(attacker), "node B follows the new ban, not the expired one it still had");
    }

    @Test
    void failuresOutsideTheDetectionWindowDoNotAddUp() throws Exception {
        InetAddress slow = ip("203.0.113.9");
        fail(a, AUTH, slow, 4);
        cluster.clock.advance(Duration.ofSeconds(600 + 60)); // window plus one slice
        fail(a, AUTH, slow, 4);
        assertTrue(a.gate().admits(slow));
        fail(b, AUTH, slow, 1);
        assertFalse(b.gate().admits(slow));
    }

    @Test
    void categoriesSwitchedOffAndTheServiceSwitchedOffNeverBan() throws Exception {
        InetAddress prober = ip("203.0.113.10");
        fail(a, FailureCategory.HTTP_PROXY_RESOURCE_ACCESS, prober, 100); // off by default: clients probe (404s)
        assertTrue(a.gate().admits(prober));
        assertEquals(100, cluster.protection(0).metrics().failures(FailureCategory.HTTP_PROXY_RESOURCE_ACCESS),
                "still counted in the metrics");

        ProtectionSettings s = cluster.protection(0).config().current();
        cluster.protection(0).config().saveRules(new ProtectionSettings(s.maxAuthorizationsPerPeriod(),
                s.rateControlPeriodSeconds(), false, s.categories(), s.exemptions()));
        fail(b, AUTH, prober, 50);
        assertTrue(b.gate().admits(prober), "the other node follows the switch at once");
    }

    @Test
    void exemptAddressesAndBlocksAreNeverBannedInIpv4OrIpv6() throws Exception {
        ProtectionService service = cluster.protection(0);
        service.addExemption("192.0.2.0/24");
        service.addExemption("2001:db8::/32");
        fail(b, AUTH, ip("192.0.2.200"), 50);
        fail(b, AUTH, ip("2001:db8:1::5"), 50);
        assertTrue(b.gate().admits(ip("192.0.2.200")));
        assertTrue(b.gate().admits(ip("2001:db8:1::5")));
        fail(b, AUTH, ip("2001:db9::5"), 5);
        assertFalse(b.gate().admits(ip("2001:db9::5")), "an address outside the block is banned");
        assertEquals(List.of("192.0.2.0/24", "2001:db8:0:0:0:0:0:0/32"),
                cluster.protection(1).config().current().exemptions());
    }

    @Test
    void exemptingABannedAddressLiftsItsBan() throws Exception {
        InetAddress partner = ip("198.51.100.30");
        fail(a, AUTH, partner, 5);
        assertFalse(a.gate().admits(partner));
        cluster.protection(1).addExemption("198.51.100.30");
        cluster.refreshAll();
        assertTrue(a.gate().admits(partner));
        assertTrue(b.gate().admits(partner));
    }

    @Test
    void anAdminUnbanOnOneNodeReachesTheOthers() throws Exception {
        InetAddress attacker = ip("2001:db8::66");
        fail(a, FailureCategory.XMPP_PROTOCOL, attacker, 5);
        cluster.refreshAll();
        assertFalse(b.gate().admits(attacker));
        assertTrue(cluster.protection(1).bans().unban("2001:db8:0:0:0:0:0:66", "admin"));
        assertTrue(b.gate().admits(attacker), "at once where it was lifted");
        cluster.refreshAll();
        assertTrue(a.gate().admits(attacker), "and elsewhere at the next refresh");
        assertFalse(cluster.protection(1).bans().unban("2001:db8:0:0:0:0:0:66", "admin"), "nothing left to lift");
        assertEquals(1, cluster.protection(1).metrics().unbans("admin"));
    }

    @Test
    void theEdgesOwnInternalServersAreExemptAutomatically() throws Exception {
        var config = cluster.nodes.get(0).config();
        config.saveServer(new org.collabedge.config.InternalServer(null,
                org.collabedge.config.ServerType.CALL_CONTROL, "192.0.2.55", 5061,
                org.collabedge.config.Transport.TLS, false, null, "default"), null);
        InetAddress server = ip("192.0.2.55");
        ProtectionService service = cluster.protection(0);
        for (int i = 0; i < 50 && !service.exemptServers().contains(server); i++) {
            Thread.sleep(100); // resolved in the background, off the request path
        }
        assertTrue(service.exemptServers().contains(server));
        fail(a, FailureCategory.SIP_PROTOCOL, server, 1); // SIP categories are off by default: switch one on
        service.config().saveRules(service.config().current().withCategory(FailureCategory.SIP_PROTOCOL,
                new CategorySettings(true, 2, 60, 60)));
        fail(a, FailureCategory.SIP_PROTOCOL, server, 10);
        assertTrue(a.gate().admits(server));
        fail(a, FailureCategory.SIP_PROTOCOL, ip("192.0.2.56"), 2);
        assertFalse(a.gate().admits(ip("192.0.2.56")));
    }

    @Test
    void aBanReachesTheOtherNodeWithinOneSecondByItself() throws Exception {
        InetAddress attacker = ip("203.0.113.77");
        List<InetAddress> closedOnA = new CopyOnWriteArrayList<>();
        a.gate().onBan(closedOnA::add);
        fail(b, AUTH, attacker, 5);
        long start = System.nanoTime();
        while (a.gate().admits(attacker) && System.nanoTime() - start < 2_000_000_000L) {
            Thread.sleep(5);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertFalse(a.gate().admits(attacker));
        assertTrue(millis < 1000, "took " + millis + " ms");
        for (int i = 0; i < 100 && closedOnA.isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertEquals(List.of(attacker), closedOnA);
    }

    @Test
    void bansSurviveARestartOfTheCoreAndStillExpireAsConfigured() throws Exception {
        ProtectionService service = cluster.protection(0);
        service.config().saveRules(service.config().current().withCategory(AUTH,
                new CategorySettings(true, 3, 60, 120)));
        InetAddress attacker = ip("203.0.113.99");
        fail(a, AUTH, attacker, 3);
        cluster.nodes.get(0).stop();
        cluster.nodes.get(0).start();
        Protection restarted = cluster.nodes.get(0).protection();
        assertFalse(restarted.gate().admits(attacker), "the ban is in shared state, not in the node");
        assertEquals(new CategorySettings(true, 3, 60, 120),
                cluster.protection(0).config().current().category(AUTH), "settings kept");
        cluster.clock.advance(Duration.ofSeconds(120));
        assertTrue(restarted.gate().admits(attacker));
    }

    @Test
    void oneNodeWritesTheStoredBanListAndAnotherTakesOverWhenItStops() throws Exception {
        fail(b, AUTH, ip("203.0.113.60"), 5);
        cluster.clock.advance(BanStore.SAVE_INTERVAL.plusMillis(1));
        cluster.refreshAll();
        long savesA = cluster.protection(0).banStoreSaves();
        long savesB = cluster.protection(1).banStoreSaves();
        assertEquals(1, savesA + savesB, "one node wrote, once");
        int writer = savesA == 1 ? 0 : 1;
        int other = 1 - writer;
        ProtectionService follower = cluster.protection(other);

        cluster.nodes.get(writer).stop(); // gives the writer lease up
        cluster.clock.advance(BanStore.SAVE_INTERVAL.plusMillis(1));
        follower.refresh();
        assertEquals(0, follower.banStoreSaves(), "it followed the writer's saves, so nothing is rewritten");

        fail(cluster.nodes.get(other).protection(), AUTH, ip("203.0.113.61"), 5);
        cluster.clock.advance(BanStore.SAVE_INTERVAL.plusMillis(1));
        follower.refresh();
        assertEquals(1, follower.banStoreSaves(), "the remaining node is the writer now");
    }
}
