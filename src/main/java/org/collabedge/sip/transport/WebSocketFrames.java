package org.collabedge.sip.transport;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * RFC 6455 framing on the server side: reads whole messages (continuation frames joined) from a client, answering
 * pings and closes, and writes unmasked frames. Each limit breach is a {@link ProtocolError} carrying the close code
 * the connection ends with, so one bad client never costs more than its own connection.
 */
final class WebSocketFrames {

    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;
    private static final int CONTINUATION = 0x0;

    /** Close codes (RFC 6455 section 7.4.1). */
    static final int NORMAL = 1000;
    static final int PROTOCOL_ERROR = 1002;
    static final int TOO_BIG = 1009;

    /** A frame or message the edge refuses; {@link #closeCode} is what it tells the client. */
    static final class ProtocolError extends IOException {
        final int closeCode;

        ProtocolError(int closeCode, String message) {
            super(message);
            this.closeCode = closeCode;
        }
    }

    private final DataInputStream in;
    private final OutputStream out;
    private final int maxMessage;

    WebSocketFrames(InputStream in, OutputStream out, int maxMessage) {
        this.in = new DataInputStream(in);
        this.out = out;
        this.maxMessage = maxMessage;
    }

    /**
     * The next data message's payload, or null once the client closed (its close is answered). Pings are answered
     * with pongs on the way.
     */
    byte[] readMessage() throws IOException {
        ByteArrayOutputStream message = null;
        while (true) {
            int b0;
            try {
                b0 = in.readUnsignedByte();
            } catch (EOFException e) {
                return null;
            }
            int b1 = in.readUnsignedByte();
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0F;
            if ((b0 & 0x70) != 0) {
                throw new ProtocolError(PROTOCOL_ERROR, "reserved bits set without an extension");
            }
            if ((b1 & 0x80) == 0) {
                throw new ProtocolError(PROTOCOL_ERROR, "unmasked frame from a client");
            }
            long length = b1 & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            boolean control = (opcode & 0x8) != 0;
            if (control && (length > 125 || !fin)) {
                throw new ProtocolError(PROTOCOL_ERROR, "malformed control frame");
            }
            long sofar = message == null ? 0 : message.size();
            if (length < 0 || (!control && sofar + length > maxMessage)) {
                throw new ProtocolError(TOO_BIG, "message larger than " + maxMessage + " bytes");
            }
            byte[] payload = unmask(in, (int) length);
            switch (opcode) {
                case PING -> write(PONG, payload);
                case PONG -> { }
                case CLOSE -> {
                    sendClose(NORMAL, "");
                    return null;
                }
                case TEXT, BINARY -> {
                    if (message != null) {
                        throw new ProtocolError(PROTOCOL_ERROR, "new message inside a fragmented one");
                    }
                    if (fin) {
                        return payload;
                    }
                    message = new ByteArrayOutputStream();
                    message.write(payload);
                }
                case CONTINUATION -> {
                    if (message == null) {
                        throw new ProtocolError(PROTOCOL_ERROR, "continuation without a message");
                    }
                    message.write(payload);
                    if (fin) {
                        return message.toByteArray();
                    }
                }
                default -> throw new ProtocolError(PROTOCOL_ERROR, "unknown opcode " + opcode);
            }
        }
    }

    private static byte[] unmask(DataInputStream in, int length) throws IOException {
        byte[] mask = new byte[4];
        in.readFully(mask);
        byte[] payload = new byte[length];
        in.readFully(payload);
        for (int i = 0; i < length; i++) {
            payload[i] ^= mask[i & 3];
        }
        return payload;
    }

    /** Writes one unmasked, final frame; callers serialise writes. */
    void write(int opcode, byte[] payload) throws IOException {
        int n = payload.length;
        ByteBuffer header = ByteBuffer.allocate(10);
        header.put((byte) (0x80 | opcode));
        if (n < 126) {
            header.put((byte) n);
        } else if (n <= 0xFFFF) {
            header.put((byte) 126).putShort((short) n);
        } else {
            header.put((byte) 127).putLong(n);
        }
        synchronized (out) {
            out.write(header.array(), 0, header.position());
            out.write(payload);
            out.flush();
        }
    }

    /** Sends a close frame with a code and a short reason. */
    void sendClose(int code, String reason) throws IOException {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = ByteBuffer.allocate(2 + Math.min(text.length, 120)).putShort((short) code)
                .put(text, 0, Math.min(text.length, 120)).array();
        write(CLOSE, payload);
    }
}
