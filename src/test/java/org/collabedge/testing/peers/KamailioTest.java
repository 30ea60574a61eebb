package org.collabedge.testing.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kamailio fixture answers OPTIONS, and SIPp registers to it with digest authentication. */
class KamailioTest {

    @TempDir
    Path dir;

    @Test
    void sippRegistersWithDigestAndAWrongPasswordIsRefused() throws Exception {
        Map<String, String> users = Map.of("alice", "alice-Secret-1", "bob", "bob-Secret-2");
        try (Kamailio k = Kamailio.builder().user("alice", "alice-Secret-1").user("bob", "bob-Secret-2")
                .start(dir.resolve("kamailio"))) {
            assertEquals("SIP/2.0 200 Keepalive", k.options(Duration.ofSeconds(2)));
            Sipp.Result ok = new Sipp(dir.resolve("sipp-ok"), Sipp.registerScenario("example.com", 300))
                    .csv(Sipp.registerCsv(users)).calls(2, 10, 0).transport(Sipp.Transport.TCP_ONE_CONNECTION)
                    .timeout(Duration.ofSeconds(10)).run(k.host(), k.port());
            assertEquals(0, ok.exitCode(), ok.output() + k.log());
            assertEquals(2, ok.successful());

            Sipp.Result wrong = new Sipp(dir.resolve("sipp-wrong"), Sipp.registerScenario("example.com", 300))
                    .csv(Sipp.registerCsv(Map.of("alice", "not-her-password"))).calls(1, 10, 0)
                    .timeout(Duration.ofSeconds(5)).run(k.host(), k.port());
            assertTrue(wrong.exitCode() != 0, "a wrong password gets a second 401, not 200");
            assertEquals(0, wrong.successful());
        }
    }
}
