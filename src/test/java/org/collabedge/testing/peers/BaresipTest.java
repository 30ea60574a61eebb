package org.collabedge.testing.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two baresip softphones register to the Kamailio fixture and call each other through it. */
class BaresipTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void registersCallsAndHangsUpThroughKamailio() throws Exception {
        try (Kamailio k = Kamailio.builder().user("alice", "alice-Secret-1").user("bob", "bob-Secret-2")
                .start(dir.resolve("kamailio"))) {
            String proxy = "sip:127.0.0.1:" + k.port() + ";transport=tcp";
            try (Baresip alice = Baresip.start(dir.resolve("alice"), "sip:alice@example.com", "alice-Secret-1",
                    proxy, "");
                 Baresip bob = Baresip.start(dir.resolve("bob"), "sip:bob@example.com", "bob-Secret-2", proxy, "")) {
                alice.awaitEvent("REGISTER_OK", WAIT);
                bob.awaitEvent("REGISTER_OK", WAIT);

                alice.dial("sip:bob@example.com");
                bob.awaitEvent("CALL_INCOMING", WAIT);
                bob.accept();
                alice.awaitEvent("CALL_ESTABLISHED", WAIT);
                bob.awaitEvent("CALL_ESTABLISHED", WAIT);
                alice.hangup();
                assertEquals("CALL_CLOSED", bob.awaitEvent("CALL_CLOSED", WAIT).path("type").asText(),
                        "the BYE followed the record-route to bob");
            }
        }
    }

    @Test
    void aCallForksToEveryDeviceOfTheUser() throws Exception {
        try (Kamailio k = Kamailio.builder().user("alice", "alice-Secret-1").user("bob", "bob-Secret-2")
                .start(dir.resolve("kamailio"))) {
            String proxy = "sip:127.0.0.1:" + k.port() + ";transport=tcp";
            try (Baresip alice = Baresip.start(dir.resolve("alice"), "sip:alice@example.com", "alice-Secret-1",
                    proxy, "");
                 Baresip desk = Baresip.start(dir.resolve("desk"), "sip:bob@example.com", "bob-Secret-2", proxy, "");
                 Baresip mobile = Baresip.start(dir.resolve("mobile"), "sip:bob@example.com", "bob-Secret-2", proxy,
                         "")) {
                alice.awaitEvent("REGISTER_OK", WAIT);
                desk.awaitEvent("REGISTER_OK", WAIT);
                mobile.awaitEvent("REGISTER_OK", WAIT);

                alice.dial("sip:bob@example.com");
                desk.awaitEvent("CALL_INCOMING", WAIT);
                mobile.awaitEvent("CALL_INCOMING", WAIT);
                mobile.accept();
                alice.awaitEvent("CALL_ESTABLISHED", WAIT);
                desk.awaitEvent("CALL_CLOSED", WAIT); // the other branch was cancelled
                alice.hangup();
                mobile.awaitEvent("CALL_CLOSED", WAIT);
            }
        }
    }
}
