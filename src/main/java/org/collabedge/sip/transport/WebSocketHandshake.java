package org.collabedge.sip.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The server side of the WebSocket opening handshake (RFC 6455 section 4.2) for SIP (RFC 7118): a GET with
 * {@code Upgrade: websocket}, version 13, a key, and the {@code sip} subprotocol offered. Anything else is refused
 * with an HTTP error, so a client that cannot speak SIP never gets a connection. A browser's {@code Origin} must be
 * on the allow-list (RFC 6455 section 10.2: 403 otherwise), so a page on another site cannot use a visitor's browser
 * to reach the edge; a client without Origin is not a browser and passes.
 */
final class WebSocketHandshake {

    /** The subprotocol RFC 7118 registers. */
    static final String SUBPROTOCOL = "sip";
    /** Largest request head accepted: browsers send well under 2 KB. */
    static final int MAX_HEAD = 8192;
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** The outcome: the bytes to answer with and whether the connection now speaks WebSocket. */
    record Result(boolean upgraded, String problem, byte[] response) {
    }

    private WebSocketHandshake() {
    }

    /**
     * Reads the request head from {@code in} and decides; never throws for bad input, only for I/O.
     *
     * @param origins whether an Origin header value (null when absent) may open a WebSocket
     */
    static Result answer(InputStream in, Predicate<String> origins) throws IOException {
        return answer(in, origins, System::nanoTime, Long.MAX_VALUE);
    }

    /**
     * As {@link #answer(InputStream, Predicate)}, but refuses a head not complete by {@code deadlineNanos}: the socket's read
     * time-out bounds each read only, and a client sending a byte every few seconds would hold its connection (and
     * thread) for hours.
     */
    static Result answer(InputStream in, Predicate<String> origins, LongSupplier nanoTime, long deadlineNanos)
            throws IOException {
        String head = readHead(in, nanoTime, deadlineNanos);
        if (head == null) {
            return refuse(400, "Bad Request", "no complete HTTP request head", "");
        }
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length != 3 || !requestLine[0].equals("GET") || !requestLine[2].startsWith("HTTP/1.")) {
            return refuse(400, "Bad Request", "not an HTTP GET", "");
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        if (!hasToken(headers.get("upgrade"), "websocket") || !hasToken(headers.get("connection"), "upgrade")) {
            return refuse(426, "Upgrade Required", "not a WebSocket upgrade", "Upgrade: websocket\r\n");
        }
        if (!"13".equals(headers.get("sec-websocket-version"))) {
            return refuse(426, "Upgrade Required", "unsupported WebSocket version",
                    "Sec-WebSocket-Version: 13\r\n");
        }
        String key = headers.get("sec-websocket-key");
        if (key == null || !validKey(key)) {
            return refuse(400, "Bad Request", "missing or malformed Sec-WebSocket-Key", "");
        }
        if (!origins.test(headers.get("origin"))) {
            return refuse(403, "Forbidden", "the page's origin is not allowed", "");
        }
        if (!hasToken(headers.get("sec-websocket-protocol"), SUBPROTOCOL)) {
            return refuse(400, "Bad Request", "the \"sip\" subprotocol was not offered", "");
        }
        String response = "HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept(key) + "\r\n"
                + "Sec-WebSocket-Protocol: " + SUBPROTOCOL + "\r\n\r\n";
        return new Result(true, null, response.getBytes(StandardCharsets.US_ASCII));
    }

    /** The Sec-WebSocket-Accept value for a client's key. */
    static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JDK", e);
        }
    }

    private static boolean validKey(String key) {
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether a comma-separated header value holds {@code token} (case-insensitive). */
    private static boolean hasToken(String value, String token) {
        return value != null && Arrays.stream(value.split(","))
                .anyMatch(t -> t.trim().equalsIgnoreCase(token));
    }

    private static Result refuse(int status, String reason, String problem, String extraHeaders) {
        String body = "WebSocket upgrade refused: " + problem + "\n";
        String response = "HTTP/1.1 " + status + " " + reason + "\r\n" + extraHeaders
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
        return new Result(false, problem, response.getBytes(StandardCharsets.UTF_8));
    }

    /** The request head up to the blank line, or null when the stream ends first, the head is too long or late. */
    private static String readHead(InputStream in, LongSupplier nanoTime, long deadlineNanos) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0 || head.size() >= MAX_HEAD || nanoTime.getAsLong() - deadlineNanos > 0) {
                return null;
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                    ? state + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1).trim();
    }
}
