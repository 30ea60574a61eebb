package org.collabedge.http.proxy;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** One TCP or TLS connection to a backend, reused for keep-alive while its owner says it is clean. */
public final class BackendConnection implements AutoCloseable {

    private final Socket socket;
    private final String poolKey;
    private final InputStream in;
    private final OutputStream out;
    private volatile long idleSince;

    BackendConnection(Socket socket, String poolKey) throws IOException {
        this.socket = socket;
        this.poolKey = poolKey;
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    }

    public InputStream in() {
        return in;
    }

    public OutputStream out() {
        return out;
    }

    public Socket socket() {
        return socket;
    }

    String poolKey() {
        return poolKey;
    }

    void idleSince(long nanos) {
        idleSince = nanos;
    }

    long idleSince() {
        return idleSince;
    }

    /** A pooled connection the backend has closed (or sent stray bytes on) must not be reused. */
    boolean stillUsable() {
        if (socket.isClosed() || socket.isInputShutdown()) {
            return false;
        }
        try {
            return in.available() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing; nothing to save
        }
    }
}
