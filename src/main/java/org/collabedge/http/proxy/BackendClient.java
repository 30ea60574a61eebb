package org.collabedge.http.proxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.collabedge.http.ProxyLimits;

/**
 * Opens connections to internal servers the allow list permitted, and pools idle keep-alive ones. The host name is
 * resolved once per connection and the socket goes to that address; for https the TLS layer sends the host name as
 * SNI and verifies the server certificate against that NAME (never the address), verification always on.
 */
public final class BackendClient implements AutoCloseable {

    private final Supplier<SSLContext> tls;
    private final Map<String, Deque<BackendConnection>> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** @param tls the outbound TLS context (the edge's trust list), asked for each new https connection */
    public BackendClient(Supplier<SSLContext> tls) {
        this.tls = tls;
    }

    /** A pooled idle connection to the backend, or a new one. */
    public BackendConnection acquire(String scheme, String host, int port) throws IOException {
        String key = scheme + "://" + host + ":" + port;
        Deque<BackendConnection> pool = idle.get(key);
        long now = System.nanoTime();
        if (pool != null) {
            for (BackendConnection c; (c = pool.pollFirst()) != null; ) {
                if (now - c.idleSince() < ProxyLimits.POOLED_IDLE.toNanos() && c.stillUsable()) {
                    return c;
                }
                c.close();
            }
        }
        return open(key, scheme, host, port);
    }

    /** Returns a connection whose exchange ended cleanly to the pool; closes it otherwise. */
    public void release(BackendConnection connection, boolean reusable) {
        if (!reusable || closed) {
            connection.close();
            return;
        }
        Deque<BackendConnection> pool = idle.computeIfAbsent(connection.poolKey(), k -> new ConcurrentLinkedDeque<>());
        if (pool.size() >= ProxyLimits.POOLED_PER_BACKEND) {
            connection.close();
            return;
        }
        connection.idleSince(System.nanoTime());
        pool.offerFirst(connection);
    }

    private BackendConnection open(String key, String scheme, String host, int port) throws IOException {
        InetAddress address = InetAddress.getAllByName(host)[0];
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address, port), (int) ProxyLimits.CONNECT_TIMEOUT.toMillis());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) ProxyLimits.BACKEND_READ_TIMEOUT.toMillis());
            if (scheme.equals("https")) {
                socket = overTls(socket, host, port);
            }
            return new BackendConnection(socket, key);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private Socket overTls(Socket plain, String host, int port) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.get().getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (host.indexOf(':') < 0 && !Character.isDigit(host.charAt(host.length() - 1))) {
            params.setServerNames(List.of(new SNIHostName(host)));
        }
        params.setApplicationProtocols(new String[] {"http/1.1"});
        ssl.setSSLParameters(params);
        ssl.setSoTimeout((int) ProxyLimits.CONNECT_TIMEOUT.toMillis());
        ssl.startHandshake();
        ssl.setSoTimeout((int) ProxyLimits.BACKEND_READ_TIMEOUT.toMillis());
        return ssl;
    }

    @Override
    public void close() {
        closed = true;
        idle.values().forEach(pool -> {
            for (BackendConnection c; (c = pool.pollFirst()) != null; ) {
                c.close();
            }
        });
    }
}
