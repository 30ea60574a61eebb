package org.collabedge.protection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.collabedge.host.ConfigStore;
import org.collabedge.standalone.FileConfigStore;
import org.collabedge.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bans outlive a restart of the standalone host (its shared state is memory only): they are kept in the
 * configuration store, come back with their original end, and the store is written sparingly under attack.
 */
class BanPersistenceTest {

    private static final FailureCategory AUTH = FailureCategory.HTTP_PROXY_AUTHORIZATION;
    private static final Duration PAST_SAVE_INTERVAL = BanStore.SAVE_INTERVAL.plusMillis(1);

    @TempDir
    Path data;
    private final MutableClock clock = new MutableClock();

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    /** A file store whose writes can be stopped, to stand for a process that dies without a clean stop. */
    private static final class CrashableStore implements ConfigStore {
        final ConfigStore files;
        final AtomicBoolean dead = new AtomicBoolean();
        final AtomicInteger banListSaves = new AtomicInteger();

        CrashableStore(Path dir) {
            files = new FileConfigStore(dir);
        }

        @Override
        public Optional<String> load(String document) {
            return files.load(document);
        }

        @Override
        public void save(String document, String content) {
            if (!dead.get()) {
                if (document.equals(BanStore.DOCUMENT)) {
                    banListSaves.incrementAndGet();
                }
                files.save(document, content);
            }
        }

        @Override
        public void delete(String document) {
            files.delete(document);
        }

        @Override
        public void onExternalChange(Consumer<String> listener) {
        }
    }

    @Test
    void aRestartedHostKeepsItsBansSettingsAndExemptionsAndTheBansStillEndOnTime() throws Exception {
        InetAddress attacker = ip("203.0.113.50");
        Ban ban;
        try (StandaloneProtectionNode node = new StandaloneProtectionNode(data, clock)) {
            ProtectionConfig config = node.service.config();
            ProtectionSettings rules = config.current().withCategory(AUTH, new CategorySettings(true, 3, 60, 120));
            config.saveRules(new ProtectionSettings(5, 60, true, rules.categories(), rules.exemptions()));
            node.service.addExemption("192.0.2.0/24");
            node.fail(AUTH, attacker, 3);
            ban = node.service.bans().current().get(0);
            clock.advance(Duration.ofSeconds(30));
        } // stopped 30 s into the ban, right after it was made: the stop saves it

        try (StandaloneProtectionNode restarted = new StandaloneProtectionNode(data, clock)) {
            assertFalse(restarted.admits(attacker), "banned again after the restart");
            assertEquals(List.of(ban), restarted.service.bans().current(), "same category, since and until");
            assertEquals(new CategorySettings(true, 3, 60, 120),
                    restarted.service.config().current().category(AUTH), "settings kept");
            assertEquals(List.of("192.0.2.0/24"), restarted.service.config().current().exemptions());
            assertEquals(5, restarted.service.config().current().maxAuthorizationsPerPeriod(), "rate control kept");
            assertEquals(60, restarted.service.config().current().rateControlPeriodSeconds());
            assertNull(restarted.service.banStoreProblem());
            clock.advance(Duration.ofSeconds(89));
            assertFalse(restarted.admits(attacker));
            clock.advance(Duration.ofSeconds(1));
            assertTrue(restarted.admits(attacker), "ends 120 s after it was made, as configured, not after the restart");
        }
        try (StandaloneProtectionNode again = new StandaloneProtectionNode(data, clock)) {
            assertTrue(again.admits(attacker), "an ended ban is not brought back");
            assertTrue(again.service.bans().current().isEmpty());
        }
    }

    @Test
    void aBanSavedBeforeACrashComesBackAndAnUnbanStaysLifted() throws Exception {
        InetAddress kept = ip("203.0.113.51");
        InetAddress lifted = ip("2001:db8::51");
        CrashableStore store = new CrashableStore(data.resolve("config"));
        StandaloneProtectionNode node = new StandaloneProtectionNode(store, data, clock);
        node.fail(AUTH, kept, 5);
        node.fail(AUTH, lifted, 5);
        clock.advance(PAST_SAVE_INTERVAL);
        node.service.refresh(); // what the background thread does every 200 ms: saves, since the interval passed
        assertTrue(node.service.bans().unban("2001:db8:0:0:0:0:0:51", "admin page"));
        clock.advance(PAST_SAVE_INTERVAL);
        node.service.refresh();
        store.dead.set(true); // the process dies: nothing written from here on, no clean stop
        node.close();

        try (StandaloneProtectionNode restarted = new StandaloneProtectionNode(data, clock)) {
            assertFalse(restarted.admits(kept));
            assertTrue(restarted.admits(lifted), "the unban was saved too");
        }
    }

    @Test
    void aFloodOfBansWritesTheStoreAtMostOncePerIntervalAndKeepsTheLongestRunning() throws Exception {
        CrashableStore store = new CrashableStore(data.resolve("config"));
        try (StandaloneProtectionNode node = new StandaloneProtectionNode(store, data, clock)) {
            // 1,000 bad sign-ins a second from 200 new addresses a second, for 6 s; refreshed every 200 ms
            int address = 0;
            for (int step = 0; step < 30; step++) {
                for (int i = 0; i < 40; i++, address++) {
                    node.fail(AUTH, ip("198.18." + (address / 250) + "." + (address % 250 + 1)), 5);
                }
                node.service.refresh();
                clock.advance(Duration.ofMillis(200));
            }
            assertEquals(1200, node.service.bans().current().size());
            int saves = store.banListSaves.get();
            assertTrue(saves >= 3 && saves <= 6 / 2 + 1, "saves during 6 s of attack: " + saves);
        }
        String saved = store.load(BanStore.DOCUMENT).orElseThrow();
        BanDocument.Read read = BanDocument.read(saved);
        assertEquals(BanStore.MAX_STORED, read.bans().size(), "bounded");
        long shortestKept = read.bans().stream().mapToLong(Ban::untilMillis).min().orElseThrow();
        assertTrue(shortestKept >= clock.millis() + 600_000 - 3_000, "the newest (longest-running) bans are kept");
        assertTrue(saved.length() < 120 * BanStore.MAX_STORED, "size " + saved.length());
    }

    @Test
    void aCorruptStoredBanListIsReportedAndIgnoredWithoutLosingTheSettings() throws Exception {
        try (StandaloneProtectionNode node = new StandaloneProtectionNode(data, clock)) {
            node.service.config().saveRules(node.service.config().current().withCategory(AUTH,
                    new CategorySettings(true, 2, 60, 300)));
        }
        Files.writeString(data.resolve("config").resolve(BanStore.DOCUMENT + ".json"), "{\"bans\": [ {\"addr");

        try (StandaloneProtectionNode restarted = new StandaloneProtectionNode(data, clock)) {
            String problem = restarted.service.banStoreProblem();
            assertNotNull(problem);
            assertTrue(problem.contains(BanStore.DOCUMENT), problem);
            assertEquals(new CategorySettings(true, 2, 60, 300),
                    restarted.service.config().current().category(AUTH), "the settings document is untouched");
            assertTrue(restarted.service.bans().current().isEmpty());
            InetAddress attacker = ip("203.0.113.52");
            restarted.fail(AUTH, attacker, 2);
            assertFalse(restarted.admits(attacker), "protection works on");
            clock.advance(PAST_SAVE_INTERVAL);
            restarted.service.refresh();
            assertNotNull(restarted.service.banStoreProblem(), "still shown: the admin should learn what was lost");
        }
        try (StandaloneProtectionNode again = new StandaloneProtectionNode(data, clock)) {
            assertNull(again.service.banStoreProblem(), "the save replaced the corrupt document");
            assertFalse(again.admits(ip("203.0.113.52")));
        }
    }

    @Test
    void entriesThatAreNotSingleAddressesAreSkippedAndTheRestRestored() throws Exception {
        long until = clock.millis() + 60_000;
        Files.createDirectories(data.resolve("config"));
        Files.writeString(data.resolve("config").resolve(BanStore.DOCUMENT + ".json"), "{\"version\":1,\"bans\":["
                + "{\"address\":\"203.0.113.53\",\"category\":\"sip_protocol\",\"since\":1,\"until\":" + until + "},"
                + "{\"address\":\"203.0.113.0/24\",\"category\":\"sip_protocol\",\"since\":1,\"until\":" + until + "},"
                + "{\"address\":\"evil.example\",\"category\":\"sip_protocol\",\"since\":1,\"until\":" + until + "}]}");
        try (StandaloneProtectionNode node = new StandaloneProtectionNode(data, clock)) {
            assertFalse(node.admits(ip("203.0.113.53")));
            assertEquals(1, node.service.bans().current().size());
            assertTrue(node.service.banStoreProblem().startsWith("2 unreadable entries"));
        }
    }
}
