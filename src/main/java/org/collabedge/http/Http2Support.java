package org.collabedge.http;

import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP/2 (h2 over TLS, chosen by ALPN) when Jetty's http2-server and JDK ALPN modules are on the class path. Both
 * jars carry them: Openfire 5.1.1 ships Jetty's core but not these, so the plugin lib bundles them (not relocated:
 * they link against the server's jetty-server/io/http; a server that ships its own copies wins, loading being
 * parent-first). Referenced only after {@link #available()} said yes, so a missing module never causes a linkage
 * error; a bundled copy that does not link against the server's Jetty is caught when the factories are made, and
 * the edge then serves HTTP/1.1. So is a server Jetty whose pre-encoded header fields have no HTTP/2 form
 * ({@link Http2FieldEncoding}; Openfire's own Jetty sets them up at boot, blind to the plugin's HPACK module).
 */
final class Http2Support {

    private static final Logger LOG = LoggerFactory.getLogger(Http2Support.class);

    private Http2Support() {
    }

    static boolean available() {
        ClassLoader loader = Http2Support.class.getClassLoader();
        try {
            Class.forName("org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory", false, loader);
            Class.forName("org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory", false, loader);
            Class.forName("org.eclipse.jetty.alpn.java.server.JDK9ServerALPNProcessor", false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.info("HTTPS edge serves HTTP/1.1 only: Jetty's HTTP/2 and ALPN modules are not on the class path");
            return false;
        }
        if (!fieldEncodingWorks(loader)) {
            LOG.warn("HTTPS edge serves HTTP/1.1 only: the server's Jetty was started without the HPACK module, so "
                    + "its pre-encoded header fields cannot be written in HTTP/2 (every h2 response would fail)");
            return false;
        }
        return true;
    }

    /** Under the plugin's context loader: when this is jetty-http's first use, it then finds our HPACK module. */
    private static boolean fieldEncodingWorks(ClassLoader loader) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return Http2FieldEncoding.available();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /**
     * The ALPN factory (first) and the h2 factory, to be placed between TLS and HTTP/1.1; none when the modules do
     * not link against the Jetty they run on.
     */
    static ConnectionFactory[] factories(HttpConfiguration http) {
        // ALPN finds its processor with ServiceLoader through the thread's context class loader; inside Openfire
        // that may be the server's, which cannot see the processor bundled in the plugin.
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(Http2Support.class.getClassLoader());
        try {
            HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(http);
            ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
            alpn.setDefaultProtocol("http/1.1");
            return new ConnectionFactory[] {alpn, h2};
        } catch (LinkageError | IllegalStateException e) {
            LOG.warn("HTTPS edge serves HTTP/1.1 only: Jetty's HTTP/2 modules do not work with this server's Jetty",
                    e);
            return new ConnectionFactory[0];
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
