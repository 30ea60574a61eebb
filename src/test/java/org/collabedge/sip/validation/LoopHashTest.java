package org.collabedge.sip.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sip.SipFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;

import org.junit.jupiter.api.Test;

/**
 * The loop hash in the edge's Via branch: the first 6 bytes of SHA-256 over Request-URI, tags, Call-ID, CSeq and
 * the Route set, the same on every thread (each keeps its own digest), different when the request's path changes.
 * (An absent To tag enters the key as "null", as it always has; no Route leaves the last field empty.)
 */
class LoopHashTest {

    private static Request request(String uri, long cseq) throws Exception {
        return request(uri, cseq, "");
    }

    private static Request request(String uri, long cseq, String routes) throws Exception {
        MessageFactory messages = SipFactory.getInstance().createMessageFactory();
        String text = "REGISTER " + uri + " SIP/2.0\r\n" + routes
                + "Via: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK-1\r\n"
                + "From: <sip:alice@example.com>;tag=f1\r\nTo: <sip:alice@example.com>\r\n"
                + "Call-ID: c1@example.com\r\nCSeq: " + cseq + " REGISTER\r\nMax-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
        return messages.createRequest(text);
    }

    @Test
    void hashIsSha256OfThePathAndStableAcrossThreads() throws Exception {
        Request r = request("sip:example.com", 1);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("sip:example.com|f1|null|c1@example.com|1|".getBytes(StandardCharsets.UTF_8)), 0, 6);
        assertEquals(expected, LoopHash.of(r));
        assertNotEquals(expected, LoopHash.of(request("sip:example.com", 2)), "another CSeq, another path");
        assertNotEquals(expected, LoopHash.of(request("sip:bob@example.com", 1)), "a retargeted request spirals");
        String twoRoutes = LoopHash.of(request("sip:example.com", 1,
                "Route: <sip:edge.example.com;lr>\r\nRoute: <sip:cc.internal;lr>\r\n"));
        String oneRoute = LoopHash.of(request("sip:example.com", 1, "Route: <sip:cc.internal;lr>\r\n"));
        assertNotEquals(expected, oneRoute, "a Route entry used up on the way: a spiral, not a loop");
        assertNotEquals(twoRoutes, oneRoute);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            java.util.List<Future<String>> hashes = new java.util.ArrayList<>();
            for (int i = 0; i < 100; i++) {
                hashes.add(pool.submit(() -> LoopHash.of(r)));
            }
            for (Future<String> h : hashes) {
                assertEquals(expected, h.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(expected.matches("[0-9a-f]{12}"));
    }
}
