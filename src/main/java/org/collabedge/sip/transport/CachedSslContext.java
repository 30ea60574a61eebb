package org.collabedge.sip.transport;

import java.util.Objects;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

/**
 * One TLS context per certificate instead of one per connection. Building a context (key material, a new session
 * cache) cost the SIP listener about 20 ms of CPU and tens of kilobytes for every accepted connection, and gave each
 * connection its own session cache. The context is rebuilt as soon as {@code version} returns another object (the
 * certificate service replaces its identity object on every change), so a new certificate still applies to the next
 * connection. Trust is not part of the key: the edge's trust manager is one object that follows the trusted CAs.
 */
public final class CachedSslContext implements Supplier<SSLContext> {

    private record Built(Object version, SSLContext context) {
    }

    private final Supplier<?> version;
    private final Supplier<SSLContext> build;
    private volatile Built current;

    public CachedSslContext(Supplier<?> version, Supplier<SSLContext> build) {
        this.version = Objects.requireNonNull(version, "version");
        this.build = Objects.requireNonNull(build, "build");
    }

    /** What the current context is built from (the certificate service's identity object in the edge). */
    public Object currentVersion() {
        return version.get();
    }

    @Override
    public SSLContext get() {
        Object v = version.get();
        Built b = current;
        if (b == null || b.version() != v) {
            b = new Built(v, build.get());
            current = b;
        }
        return b.context();
    }
}
