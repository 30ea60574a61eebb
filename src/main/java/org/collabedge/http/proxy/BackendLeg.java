package org.collabedge.http.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import org.collabedge.http.ProxyLimits;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The proxy's non-blocking way to the internal servers, on jetty-io's {@link ClientConnector} (Openfire ships
 * jetty-io; jetty-client it does not). The host name is resolved once per new connection and the socket goes to
 * that address; https layers a jetty-io {@link SslConnection} over it whose engine sends the host name as SNI and
 * verifies the certificate against that NAME (never the address), verification always on. Connections are pooled
 * per (scheme, host, port) with a bound on how many are open.
 */
public final class BackendLeg implements AutoCloseable {

    private final Supplier<SSLContext> tls;
    private final Supplier<ProxyLimits> limits;
    private final ClientConnector connector = new ClientConnector();
    private final Map<PoolKey, BackendPool> pools = new ConcurrentHashMap<>();

    /** Which backend a pool is for (a record: no key string built per request). */
    private record PoolKey(String scheme, String host, int port) {
    }

    /**
     * @param tls    the outbound TLS context (the edge's trust list), asked for each new https connection
     * @param limits read for each new connection and request, so changed settings apply without a restart
     */
    public BackendLeg(Supplier<SSLContext> tls, Supplier<ProxyLimits> limits) throws Exception {
        this.tls = tls;
        this.limits = limits;
        QueuedThreadPool pool = new QueuedThreadPool(64, 2);
        pool.setName("collabedge-backend");
        connector.setExecutor(pool);
        connector.setSelectors(1);
        connector.setTCPNoDelay(true);
        connector.setConnectTimeout(limits.get().connectTimeout());
        connector.setIdleTimeout(limits.get().backendIdleTimeout());
        connector.start();
    }

    Scheduler scheduler() {
        return connector.getScheduler();
    }

    ProxyLimits limits() {
        return limits.get();
    }

    /** A pooled or new link to the backend; fails with {@link BackendPool.Exhausted} when none frees in time. */
    void acquire(String scheme, String host, int port, Promise<BackendLink> promise) {
        PoolKey key = new PoolKey(scheme, host, port);
        BackendPool pool = pools.get(key);
        if (pool == null) {
            pool = pools.computeIfAbsent(key, k -> new BackendPool(p -> open(scheme, host, port, pools.get(k), p)));
        }
        ProxyLimits l = limits.get();
        pool.acquire(promise, l.maxConnectionsPerBackend(), ProxyLimits.POOLED_IDLE.toNanos(),
                l.connectTimeout().toMillis(), connector.getScheduler());
    }

    /** Returns a link whose exchange ended cleanly to its pool, or closes it. */
    void release(BackendLink link, boolean reusable) {
        if (reusable && link.getEndPoint().isOpen() && !link.hasBuffered()) {
            link.pool().release(link, Math.min(ProxyLimits.POOLED_PER_BACKEND, limits.get().maxConnectionsPerBackend()));
        } else {
            link.close();
        }
    }

    /** Open connections to one backend (for tests and the pool bound). */
    int openConnections(String scheme, String host, int port) {
        BackendPool pool = pools.get(new PoolKey(scheme, host, port));
        return pool == null ? 0 : pool.openCount();
    }

    private void open(String scheme, String host, int port, BackendPool pool, Promise<BackendLink> promise) {
        if (isAddressLiteral(host)) {
            connect(scheme, host, port, pool, promise);
        } else {
            // A name lookup may block (DNS), and this may run on a selector thread (the proxy forwards without a
            // hand-over when it can): look it up on the backend pool instead.
            // Every way out completes the promise: a lost one would hold the pool's place for good and leave the
            // request waiting for its total time-out.
            try {
                connector.getExecutor().execute(() -> {
                    try {
                        connect(scheme, host, port, pool, promise);
                    } catch (RuntimeException e) {
                        promise.failed(e);
                    }
                });
            } catch (RejectedExecutionException stopping) {
                promise.failed(stopping);
            }
        }
    }

    /**
     * Canonical hosts (HostNameCanon) are an IPv6 literal, a dotted quad (its last label all digits) or a name. A
     * name may end in a digit ("cucm01", "node.lab2"): only digits and dots make a dotted quad, or a name would be
     * looked up on the selector thread and sent without SNI.
     */
    static boolean isAddressLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return !host.isEmpty();
    }

    private void connect(String scheme, String host, int port, BackendPool pool, Promise<BackendLink> promise) {
        InetAddress address;
        try {
            // Resolved once here, and this address is the one connected to: no second lookup can redirect it.
            address = InetAddress.getAllByName(host)[0];
        } catch (UnknownHostException e) {
            promise.failed(e);
            return;
        }
        BackendLink[] created = new BackendLink[1];
        ClientConnectionFactory factory = (endPoint, context) -> {
            if (!scheme.equals("https")) {
                created[0] = new BackendLink(endPoint, connector.getExecutor(), pool);
                return created[0];
            }
            SslConnection ssl = new SslConnection(connector.getByteBufferPool(), connector.getExecutor(), endPoint,
                    engine(host, port));
            created[0] = new BackendLink(ssl.getSslEndPoint(), connector.getExecutor(), pool);
            ssl.getSslEndPoint().setConnection(created[0]);
            return ssl;
        };
        connector.setConnectTimeout(limits.get().connectTimeout()); // read by the connect below: live settings
        Map<String, Object> context = new HashMap<>();
        context.put(ClientConnector.CLIENT_CONNECTION_FACTORY_CONTEXT_KEY, factory);
        context.put(Transport.class.getName(), Transport.TCP_IP);
        context.put(ClientConnector.CONNECTION_PROMISE_CONTEXT_KEY,
                Promise.<Connection>from(c -> promise.succeeded(created[0]), promise::failed));
        connector.connect(new InetSocketAddress(address, port), context);
    }

    private SSLEngine engine(String host, int port) {
        SSLEngine engine = tls.get().createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters params = engine.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isAddressLiteral(host)) {
            params.setServerNames(List.of(new SNIHostName(host)));
        }
        params.setApplicationProtocols(new String[] {"http/1.1"});
        engine.setSSLParameters(params);
        return engine;
    }

    @Override
    public void close() {
        pools.values().forEach(BackendPool::close);
        try {
            connector.stop();
        } catch (Exception e) {
            // stopping anyway; links are closed with the selector
        }
    }
}
