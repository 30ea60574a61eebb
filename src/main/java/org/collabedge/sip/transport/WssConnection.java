package org.collabedge.sip.transport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;

import javax.net.ssl.SSLSocket;

import org.collabedge.protection.FailureCategory;
import org.collabedge.protection.SecurityEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted SIP-over-WebSocket connection (RFC 7118): TLS handshake and WebSocket upgrade happen on the reading
 * thread at the first read (so a slow client never holds up the accept loop), then each WebSocket message becomes one
 * SIP message in {@link #sipStream()} and each message the stack sends becomes one text frame. Failed handshakes,
 * refused upgrades, bad frames and messages that are not one SIP message count as SIP_PROTOCOL failures.
 */
final class WssConnection {

    private static final Logger LOG = LoggerFactory.getLogger(WssConnection.class);
    private static final int HANDSHAKE_TIMEOUT_MS = 10_000;
    private static final int DRAIN_MS = 1000;
    private static final long MAX_DRAIN = 1 << 20;

    private final SSLSocket socket;
    private final SecurityEvents events;
    private final java.util.function.Predicate<String> origins;
    private final int maxMessage;
    private final InetAddress peer;
    private final InputStream sipStream = new SipStream();
    private volatile WebSocketFrames frames;

    /** @param origins the Origin allow-list the opening handshake checks ({@link WebSocketHandshake}) */
    WssConnection(SSLSocket socket, SecurityEvents events, int maxMessage,
                  java.util.function.Predicate<String> origins) {
        this.socket = socket;
        this.origins = origins;
        this.events = events;
        this.maxMessage = maxMessage;
        this.peer = socket.getInetAddress();
    }

    SSLSocket socket() {
        return socket;
    }

    /** The SIP messages the client sends, as a stream the stack's parser reads; ends when the connection does. */
    InputStream sipStream() {
        return sipStream;
    }

    /** Sends one SIP message as one text frame; fails while the WebSocket is not (or no longer) open. */
    void send(byte[] message) throws IOException {
        WebSocketFrames f = frames;
        if (f == null || socket.isClosed()) {
            throw new IOException("The WebSocket to " + peer.getHostAddress() + " is not open");
        }
        f.write(WebSocketFrames.TEXT, message);
    }

    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("Closing a SIP WebSocket failed", e);
        }
    }

    /** TLS handshake, then the WebSocket upgrade; false (connection closed) when either is refused. */
    private boolean open() throws IOException {
        socket.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
        long deadline = System.nanoTime() + HANDSHAKE_TIMEOUT_MS * 1_000_000L;
        try {
            socket.startHandshake();
        } catch (IOException e) {
            failure("TLS handshake failed: " + e.getMessage());
            close();
            return false;
        }
        InputStream in = new BufferedInputStream(socket.getInputStream());
        WebSocketHandshake.Result result = WebSocketHandshake.answer(in, origins, System::nanoTime, deadline);
        if (!result.upgraded()) {
            // Counted before the client reads the refusal, so whoever sees the answer sees the count too.
            failure("WebSocket upgrade refused: " + result.problem());
        }
        socket.getOutputStream().write(result.response());
        socket.getOutputStream().flush();
        if (!result.upgraded()) {
            close();
            return false;
        }
        socket.setSoTimeout(0);
        frames = new WebSocketFrames(in, socket.getOutputStream(), maxMessage);
        return true;
    }

    /**
     * Tells the client why (close frame), then reads and discards what it still sends for a moment: closing a socket
     * with unread input resets the connection, and the client would never see the close code.
     */
    private void closeAfterError(WebSocketFrames.ProtocolError e) {
        try {
            frames.sendClose(e.closeCode, e.getMessage());
            socket.setSoTimeout(DRAIN_MS);
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[8192];
            long drained = 0;
            while (drained < MAX_DRAIN && in.read(sink) >= 0) {
                drained += sink.length;
            }
        } catch (IOException ignored) {
            // The connection ends anyway.
        }
    }

    private void failure(String why) {
        LOG.debug("SIP WebSocket from {}: {}", peer.getHostAddress(), why);
        events.failure(FailureCategory.SIP_PROTOCOL, peer, null);
    }

    /** Upgrades at the first read, then hands out one SIP message per WebSocket message. */
    private final class SipStream extends InputStream {
        private boolean started;
        private byte[] current;
        private int pos;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (current == null || pos >= current.length) {
                current = next();
                pos = 0;
                if (current == null) {
                    return -1;
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        private byte[] next() throws IOException {
            if (!started) {
                started = true;
                if (!open()) {
                    return null;
                }
            }
            if (frames == null) {
                return null;
            }
            while (true) {
                byte[] message;
                try {
                    message = frames.readMessage();
                } catch (WebSocketFrames.ProtocolError e) {
                    failure(e.getMessage());
                    closeAfterError(e);
                    throw e;
                }
                if (message == null) {
                    return null;
                }
                byte[] sip = WebSocketSipMessage.forStream(message);
                if (sip != null) {
                    return sip;
                }
                failure("a WebSocket message that is not one SIP message was dropped");
            }
        }
    }
}
