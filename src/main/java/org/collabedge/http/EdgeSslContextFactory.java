package org.collabedge.http;

import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's server-side TLS factory fed from the edge's {@code CertificateService} instead of a key store file, and
 * swapped live when the admin installs a new certificate: new handshakes use the new identity, open connections
 * keep theirs.
 */
final class EdgeSslContextFactory extends SslContextFactory.Server {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeSslContextFactory.class);

    private final Supplier<SSLContext> source;

    EdgeSslContextFactory(Supplier<SSLContext> source) {
        this.source = source;
        setSslContext(source.get());
        // The edge identity decides protocols (TLS 1.2/1.3); Jetty's own exclusions stay on top of it.
        setRenegotiationAllowed(false);
    }

    /** Picks up the current identity; called after every identity change. */
    void refresh() {
        try {
            reload(factory -> factory.setSslContext(source.get()));
            LOG.info("HTTPS edge now presents the new TLS identity");
        } catch (Exception e) {
            LOG.warn("HTTPS edge could not load the new TLS identity; it keeps the previous one", e);
        }
    }
}
