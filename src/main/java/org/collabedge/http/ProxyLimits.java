package org.collabedge.http;

import java.time.Duration;

/**
 * Limits of the HTTPS edge that an operator may tune (HTTP proxy settings page), plus fixed ones. Defaults are chosen
 * so that every legitimate MRA-style client fits with room to spare while a single client cannot hold much memory or
 * many connections for long.
 *
 * @param requestHeaderBytes       request line plus headers a client may send (431 above it); listener restart
 * @param requestBodyBytes         largest request body forwarded (413 above it)
 * @param clientIdleTimeout        idle time after which a client connection is closed
 * @param backendIdleTimeout       longest silence while sending to or waiting for a backend (504)
 * @param totalTimeout             longest a proxied exchange may take from first byte sent to last byte answered (504)
 * @param connectTimeout           time to open a TCP connection to a backend (and longest wait for a free one)
 * @param maxConnectionsPerBackend connections open to one backend at a time (503 when none frees in time)
 */
public record ProxyLimits(int requestHeaderBytes, long requestBodyBytes, Duration clientIdleTimeout,
                          Duration backendIdleTimeout, Duration totalTimeout, Duration connectTimeout,
                          int maxConnectionsPerBackend) {

    /** Status line plus headers a backend may send (502 above it). */
    public static final int RESPONSE_HEADER_BYTES = 32 * 1024;
    /** Longest canonical target path accepted. */
    public static final int PATH_CHARS = 8 * 1024;
    /** Idle time after which a proxied WebSocket is closed. */
    public static final Duration WEBSOCKET_IDLE_TIMEOUT = Duration.ofMinutes(15);
    /** Idle time after which a pooled keep-alive backend connection is dropped. */
    public static final Duration POOLED_IDLE = Duration.ofSeconds(20);
    /** Idle keep-alive connections kept per backend (fewer when the connection limit is lower). */
    public static final int POOLED_PER_BACKEND = 64;

    public static final ProxyLimits DEFAULTS = new ProxyLimits(16 * 1024, 100L * 1024 * 1024, Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofSeconds(5), 256);
}
