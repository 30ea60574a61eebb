package org.collabedge.sip.transport;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns one WebSocket message into bytes the stack's stream parser reads as exactly one SIP message. Over WebSocket
 * the message boundary is the frame (RFC 7118 section 5), so Content-Length may be absent: it is added. A message
 * whose Content-Length contradicts its frame, or without a header end, is refused, so it can never swallow or split
 * the next message on the same connection.
 */
final class WebSocketSipMessage {

    private WebSocketSipMessage() {
    }

    /** The message ready for the stream parser, or null when it cannot be one SIP message. */
    static byte[] forStream(byte[] message) {
        if (isKeepAlive(message)) {
            return message;
        }
        int headEnd = indexOfBlankLine(message);
        if (headEnd < 0) {
            return null;
        }
        int bodyLength = message.length - headEnd - 4;
        String head = new String(message, 0, headEnd, StandardCharsets.ISO_8859_1);
        Integer declared = null;
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (name.equals("content-length") || name.equals("l")) {
                try {
                    declared = Integer.parseInt(line.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        if (declared != null) {
            return declared == bodyLength ? message : null;
        }
        byte[] header = ("\r\nContent-Length: " + bodyLength).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[message.length + header.length];
        System.arraycopy(message, 0, out, 0, headEnd);
        System.arraycopy(header, 0, out, headEnd, header.length);
        System.arraycopy(message, headEnd, out, headEnd + header.length, message.length - headEnd);
        return out;
    }

    private static boolean isKeepAlive(byte[] message) {
        for (byte b : message) {
            if (b != '\r' && b != '\n') {
                return false;
            }
        }
        return message.length > 0;
    }

    private static int indexOfBlankLine(byte[] m) {
        for (int i = 0; i + 3 < m.length; i++) {
            if (m[i] == '\r' && m[i + 1] == '\n' && m[i + 2] == '\r' && m[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
