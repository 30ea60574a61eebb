package org.collabedge.sip.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Clock;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.collabedge.cert.CertificateService;
import org.collabedge.testing.MemoryStores;
import org.junit.jupiter.api.Test;

/** The SIP listeners' TLS context: built once per certificate, rebuilt when the certificate changes. */
class CachedSslContextTest {

    @Test
    void oneContextPerCertificateAndANewOneAfterAChange() throws Exception {
        CertificateService certificates = new CertificateService(MemoryStores.configs(), MemoryStores.secrets(),
                Clock.systemUTC());
        certificates.start("edge.example.com");
        try {
            CachedSslContext tls = new CachedSslContext(certificates::identity, certificates::serverSslContext);
            SSLContext first = tls.get();
            assertSame(first, tls.get(), "the same certificate reuses the context");
            String[] protocols = first.getDefaultSSLParameters().getProtocols();

            certificates.regenerateSelfSigned("edge.example.com");
            SSLContext second = tls.get();
            assertNotSame(first, second, "a new certificate gives the next connection a new context");
            assertSame(second, tls.get());
            assertArrayEquals(protocols, second.getDefaultSSLParameters().getProtocols(), "still TLS 1.2+ only");
            SSLEngine engine = second.createSSLEngine();
            engine.setUseClientMode(false);
            assertNotEquals(0, engine.getEnabledCipherSuites().length);
        } finally {
            certificates.stop();
        }
    }
}
