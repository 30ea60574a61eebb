package org.collabedge.http;

import java.time.Duration;

/**
 * Fixed limits of the HTTPS edge (to become settings later). Chosen so that every legitimate MRA-style client fits
 * with room to spare while a single client cannot hold much memory or many threads for long.
 */
public final class ProxyLimits {

    /** Request line plus headers a client may send (Jetty answers 431 above it). */
    public static final int REQUEST_HEADER_BYTES = 16 * 1024;
    /** Largest request body forwarded (413 above it). */
    public static final long REQUEST_BODY_BYTES = 100L * 1024 * 1024;
    /** Status line plus headers a backend may send (502 above it). */
    public static final int RESPONSE_HEADER_BYTES = 32 * 1024;
    /** Longest canonical target path accepted. */
    public static final int PATH_CHARS = 8 * 1024;
    /** Time to open a TCP (and TLS) connection to a backend. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Longest silence while waiting for or reading a backend response. */
    public static final Duration BACKEND_READ_TIMEOUT = Duration.ofSeconds(60);
    /** Idle time after which a client connection is closed. */
    public static final Duration CLIENT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** Idle time after which a proxied WebSocket is closed. */
    public static final Duration WEBSOCKET_IDLE_TIMEOUT = Duration.ofMinutes(15);
    /** Idle time after which a pooled keep-alive backend connection is dropped. */
    public static final Duration POOLED_IDLE = Duration.ofSeconds(20);
    /** Pooled keep-alive connections kept per backend. */
    public static final int POOLED_PER_BACKEND = 64;

    private ProxyLimits() {
    }
}
