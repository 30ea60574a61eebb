package org.collabedge.sip.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Server-side framing: masked client frames in, whole messages out, limits as close codes. */
class WebSocketFramesTest {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    /** A client frame: masked as RFC 6455 requires of clients (unless told otherwise). */
    private static byte[] frame(boolean fin, int opcode, byte[] payload, boolean masked) {
        ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
        b.put((byte) ((fin ? 0x80 : 0) | opcode));
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            b.put((byte) (maskBit | payload.length));
        } else if (payload.length <= 0xFFFF) {
            b.put((byte) (maskBit | 126)).putShort((short) payload.length);
        } else {
            b.put((byte) (maskBit | 127)).putLong(payload.length);
        }
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        if (masked) {
            b.put(mask);
        }
        for (int i = 0; i < payload.length; i++) {
            b.put(masked ? (byte) (payload[i] ^ mask[i & 3]) : payload[i]);
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    private WebSocketFrames reading(byte[]... frames) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            all.writeBytes(f);
        }
        return new WebSocketFrames(new ByteArrayInputStream(all.toByteArray()), written, 1000);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void joinsFragmentsAndAnswersPingsOnTheWay() throws IOException {
        WebSocketFrames f = reading(frame(false, WebSocketFrames.TEXT, utf8("OPTIONS "), true),
                frame(true, WebSocketFrames.PING, utf8("hi"), true),
                frame(true, 0, utf8("sip:x SIP/2.0"), true));
        assertArrayEquals(utf8("OPTIONS sip:x SIP/2.0"), f.readMessage());
        byte[] pong = written.toByteArray();
        assertEquals(0x80 | WebSocketFrames.PONG, pong[0] & 0xFF, "pong, unmasked, final");
        assertEquals("hi", new String(pong, 2, pong[1], StandardCharsets.UTF_8));
        assertNull(f.readMessage(), "end of stream");
    }

    @Test
    void aCloseIsAnsweredAndEndsTheStream() throws IOException {
        WebSocketFrames f = reading(frame(true, WebSocketFrames.CLOSE, new byte[] {0x03, (byte) 0xE8}, true));
        assertNull(f.readMessage());
        assertEquals(0x80 | WebSocketFrames.CLOSE, written.toByteArray()[0] & 0xFF);
    }

    @Test
    void refusesTooBigMessagesWith1009() {
        WebSocketFrames.ProtocolError e = assertThrows(WebSocketFrames.ProtocolError.class,
                () -> reading(frame(true, WebSocketFrames.BINARY, new byte[1001], true)).readMessage());
        assertEquals(WebSocketFrames.TOO_BIG, e.closeCode);
        WebSocketFrames.ProtocolError fragmented = assertThrows(WebSocketFrames.ProtocolError.class,
                () -> reading(frame(false, WebSocketFrames.TEXT, new byte[600], true),
                        frame(true, 0, new byte[600], true)).readMessage());
        assertEquals(WebSocketFrames.TOO_BIG, fragmented.closeCode, "the limit is on the joined message");
    }

    @Test
    void refusesProtocolViolationsWith1002() {
        for (byte[] bad : new byte[][] {
                frame(true, WebSocketFrames.TEXT, utf8("unmasked"), false),
                frame(true, 0, utf8("continuation of nothing"), true),
                frame(true, 0x3, utf8("reserved opcode"), true),
                frame(false, WebSocketFrames.PING, utf8("fragmented ping"), true)}) {
            WebSocketFrames.ProtocolError e = assertThrows(WebSocketFrames.ProtocolError.class,
                    () -> reading(bad).readMessage());
            assertEquals(WebSocketFrames.PROTOCOL_ERROR, e.closeCode, e.getMessage());
        }
    }

    @Test
    void writesUnmaskedFramesWithTheRightLengthEncoding() throws IOException {
        WebSocketFrames f = new WebSocketFrames(new ByteArrayInputStream(new byte[0]), written, 1000);
        f.write(WebSocketFrames.TEXT, new byte[300]);
        byte[] out = written.toByteArray();
        assertEquals(0x81, out[0] & 0xFF);
        assertEquals(126, out[1] & 0xFF, "16-bit length, no mask bit");
        assertEquals(300, ((out[2] & 0xFF) << 8) | (out[3] & 0xFF));
        assertEquals(304, out.length);
    }
}
