package org.collabedge.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import javax.net.ssl.SSLContext;

import org.collabedge.cert.EdgeIdentity;
import org.collabedge.cert.SelfSignedCertificateFactory;
import org.collabedge.testing.TrustingTls;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fetching IdP metadata by URL: https only, the server's certificate verified, size bounded. */
class MetadataFetcherTest {

    static Server server;
    static String base;
    static EdgeIdentity identity;
    static final String METADATA = new TestIdp().metadata();

    @BeforeAll
    static void httpsServer() throws Exception {
        identity = new SelfSignedCertificateFactory(Clock.systemUTC()).create("127.0.0.1");
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(identity.toKeyStore("pw".toCharArray()));
        tls.setKeyStorePassword("pw");
        server = new Server();
        HttpConfiguration config = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        config.addCustomizer(secure);
        ServerConnector https = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"),
                new HttpConnectionFactory(config));
        https.setHost("127.0.0.1");
        https.setPort(0);
        server.addConnector(https);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String path = Request.getPathInContext(request);
                String body = switch (path) {
                    case "/metadata" -> METADATA;
                    case "/huge" -> "<x>" + "a".repeat(IdpMetadataParser.MAX_BYTES) + "</x>";
                    default -> null;
                };
                if (body == null) {
                    response.setStatus(404);
                    callback.succeeded();
                    return true;
                }
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/samlmetadata+xml");
                response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        server.start();
        base = "https://127.0.0.1:" + https.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    private static SSLContext trusting(EdgeIdentity trusted) {
        return TrustingTls.trusting(trusted.certificate());
    }

    @Test
    void metadataFromATrustedServerIsFetched() throws Exception {
        SSLContext tls = trusting(identity);
        assertEquals(METADATA, new MetadataFetcher(() -> tls).fetch(base + "/metadata"));
    }

    @Test
    void anUntrustedCertificateIsRefused() throws Exception {
        EdgeIdentity other = new SelfSignedCertificateFactory(Clock.systemUTC()).create("127.0.0.1");
        SSLContext tls = trusting(other);
        MetadataProblem p = assertThrows(MetadataProblem.class,
                () -> new MetadataFetcher(() -> tls).fetch(base + "/metadata"));
        assertTrue(p.key().equals("sso.error.url_tls") || p.key().equals("sso.error.url_unreachable"), p.key());
    }

    @Test
    void plainHttpTooLargeAndMissingAreRefused() throws Exception {
        SSLContext tls = trusting(identity);
        MetadataFetcher fetcher = new MetadataFetcher(() -> tls);
        assertEquals("sso.error.url_not_https",
                assertThrows(MetadataProblem.class, () -> fetcher.fetch("http://127.0.0.1:1/m")).key());
        assertEquals("sso.error.metadata_too_large",
                assertThrows(MetadataProblem.class, () -> fetcher.fetch(base + "/huge")).key());
        assertEquals("sso.error.url_status",
                assertThrows(MetadataProblem.class, () -> fetcher.fetch(base + "/nothing")).key());
    }
}
