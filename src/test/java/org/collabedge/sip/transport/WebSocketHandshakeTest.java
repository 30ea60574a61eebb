package org.collabedge.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.collabedge.sip.config.WebSocketOrigins;
import org.junit.jupiter.api.Test;

/** The opening handshake: what a SIP WebSocket client must offer, and the answers it gets. */
class WebSocketHandshakeTest {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private static String request(String... extra) {
        StringBuilder b = new StringBuilder("GET / HTTP/1.1\r\nHost: edge.example.com\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n");
        for (String e : extra) {
            b.append(e).append("\r\n");
        }
        return b.append("\r\n").toString();
    }

    /** The web phone's site, the only one allowed in these tests. */
    private static final WebSocketOrigins ORIGINS = new WebSocketOrigins(() -> List.of("https://phone.example.com"));

    private static WebSocketHandshake.Result answer(String request) throws IOException {
        return WebSocketHandshake.answer(new ByteArrayInputStream(request.getBytes(StandardCharsets.US_ASCII)),
                ORIGINS);
    }

    private static String text(WebSocketHandshake.Result r) {
        return new String(r.response(), StandardCharsets.UTF_8);
    }

    @Test
    void acceptsTheSipSubprotocolWithTheRfc6455AcceptValue() throws IOException {
        WebSocketHandshake.Result r = answer(request("Sec-WebSocket-Protocol: chat, sip"));
        assertTrue(r.upgraded());
        String response = text(r);
        assertTrue(response.startsWith("HTTP/1.1 101 "), response);
        // The worked example of RFC 6455 section 1.3.
        assertTrue(response.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"), response);
        assertTrue(response.contains("Sec-WebSocket-Protocol: sip\r\n"), response);
    }

    @Test
    void refusesWithoutTheSipSubprotocol() throws IOException {
        WebSocketHandshake.Result r = answer(request("Sec-WebSocket-Protocol: chat"));
        assertFalse(r.upgraded());
        assertTrue(text(r).startsWith("HTTP/1.1 400 "), text(r));
        assertTrue(r.problem().contains("sip"), r.problem());
        assertFalse(answer(request()).upgraded(), "no subprotocol at all");
    }

    @Test
    void refusesWhatIsNotAVersion13Upgrade() throws IOException {
        WebSocketHandshake.Result plain = answer("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(text(plain).startsWith("HTTP/1.1 426 "), text(plain));
        WebSocketHandshake.Result old = answer(request("Sec-WebSocket-Protocol: sip")
                .replace("Version: 13", "Version: 8"));
        assertTrue(text(old).contains("Sec-WebSocket-Version: 13\r\n"), text(old));
        assertFalse(answer(request("Sec-WebSocket-Protocol: sip").replace("GET", "POST")).upgraded());
        assertFalse(answer(request("Sec-WebSocket-Protocol: sip").replace(KEY, "short")).upgraded());
    }

    @Test
    void refusesAnEndlessOrTruncatedHead() throws IOException {
        assertFalse(answer("GET / HTTP/1.1\r\nHost: x\r\n").upgraded(), "stream ended before the blank line");
        String huge = request("X-Padding: " + "a".repeat(WebSocketHandshake.MAX_HEAD), "Sec-WebSocket-Protocol: sip");
        assertFalse(answer(huge).upgraded());
    }

    /** A client that sends its head a byte a second: each read beats the socket time-out, the whole head may not. */
    private static WebSocketHandshake.Result trickled(String request, long deadlineSeconds) throws IOException {
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        java.io.InputStream slow = new ByteArrayInputStream(request.getBytes(StandardCharsets.US_ASCII)) {
            @Override
            public synchronized int read() {
                now.addAndGet(1_000_000_000L);
                return super.read();
            }
        };
        return WebSocketHandshake.answer(slow, ORIGINS, now::get, deadlineSeconds * 1_000_000_000L);
    }

    @Test
    void aHeadTrickledInPastTheDeadlineIsRefused() throws IOException {
        String request = request("Sec-WebSocket-Protocol: sip");
        assertTrue(trickled(request, request.length() + 1).upgraded(), "in time: upgraded");
        WebSocketHandshake.Result late = trickled(request, 10);
        assertFalse(late.upgraded());
        assertTrue(text(late).startsWith("HTTP/1.1 400 "), text(late));
    }

    @Test
    void aPageFromASiteNotOnTheAllowListIsRefusedWith403() throws IOException {
        WebSocketHandshake.Result r = answer(request("Sec-WebSocket-Protocol: sip", "Origin: https://evil.example"));
        assertFalse(r.upgraded());
        assertTrue(text(r).startsWith("HTTP/1.1 403 "), text(r));
        assertTrue(r.problem().contains("origin"), r.problem());
        assertFalse(text(r).contains("evil.example"), "the refused origin is not echoed");
        assertFalse(answer(request("Sec-WebSocket-Protocol: sip", "Origin: null")).upgraded(),
                "a sandboxed frame's opaque origin");
        assertFalse(answer(request("Sec-WebSocket-Protocol: sip", "Origin: http://phone.example.com")).upgraded(),
                "the same host over plain http is another origin");
    }

    @Test
    void anAllowedPageAndAClientWithoutOriginAreUpgraded() throws IOException {
        assertTrue(answer(request("Sec-WebSocket-Protocol: sip", "Origin: https://Phone.Example.com:443")).upgraded(),
                "compared as serialized origins: case and default port do not matter");
        assertTrue(answer(request("Sec-WebSocket-Protocol: sip")).upgraded(), "a softphone sends no Origin");
        WebSocketOrigins none = new WebSocketOrigins(List::of);
        assertFalse(WebSocketHandshake.answer(new ByteArrayInputStream(request("Sec-WebSocket-Protocol: sip",
                "Origin: https://phone.example.com").getBytes(StandardCharsets.US_ASCII)), none).upgraded(),
                "an empty allow-list admits no web page");
    }
}
