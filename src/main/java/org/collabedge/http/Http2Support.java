package org.collabedge.http;

import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP/2 (h2 over TLS, chosen by ALPN) when Jetty's http2-server and JDK ALPN modules are on the class path. They
 * are bundled in the standalone jar only: the plugin never carries Jetty classes (Openfire loads its own first), so
 * inside Openfire the edge offers h2 exactly when the server ships these modules. Referenced only after
 * {@link #available()} said yes, so a missing module never causes a linkage error.
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
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.info("HTTPS edge serves HTTP/1.1 only: Jetty's HTTP/2 and ALPN modules are not on the class path");
            return false;
        }
    }

    /** The ALPN factory (first) and the h2 factory, to be placed between TLS and HTTP/1.1. */
    static ConnectionFactory[] factories(HttpConfiguration http) {
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(http);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
        alpn.setDefaultProtocol("http/1.1");
        return new ConnectionFactory[] {alpn, h2};
    }
}
