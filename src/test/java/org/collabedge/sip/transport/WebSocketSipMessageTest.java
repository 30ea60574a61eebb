package org.collabedge.sip.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** One WebSocket message, one SIP message for the stream parser. */
class WebSocketSipMessageTest {

    private static final String HEAD = "MESSAGE sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/WSS x.invalid;branch=z9hG4bK1\r\nCall-ID: 1\r\nCSeq: 1 MESSAGE";

    private static String normalised(String message) {
        byte[] out = WebSocketSipMessage.forStream(message.getBytes(StandardCharsets.UTF_8));
        return out == null ? null : new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void addsTheContentLengthTheFrameImplies() {
        assertEquals(HEAD + "\r\nContent-Length: 5\r\n\r\nhello", normalised(HEAD + "\r\n\r\nhello"));
        assertEquals(HEAD + "\r\nContent-Length: 0\r\n\r\n", normalised(HEAD + "\r\n\r\n"));
    }

    @Test
    void keepsAMatchingContentLengthAndRefusesAContradictingOne() {
        byte[] ok = (HEAD + "\r\nl: 5\r\n\r\nhello").getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(ok, WebSocketSipMessage.forStream(ok));
        assertNull(normalised(HEAD + "\r\nContent-Length: 50\r\n\r\nhello"), "would swallow the next message");
        assertNull(normalised(HEAD + "\r\nContent-Length: 2\r\n\r\nhello"), "would leave bytes for the next one");
        assertNull(normalised(HEAD + "\r\nContent-Length: x\r\n\r\n"));
    }

    @Test
    void refusesAMessageWithoutAHeaderEndButPassesKeepAlives() {
        assertNull(normalised(HEAD));
        assertEquals("\r\n\r\n", normalised("\r\n\r\n"));
    }
}
