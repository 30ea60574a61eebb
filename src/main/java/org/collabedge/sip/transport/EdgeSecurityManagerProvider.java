package org.collabedge.sip.transport;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Properties;

import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import gov.nist.core.net.SecurityManagerProvider;
import org.collabedge.cert.EdgeIdentity;

/**
 * The key material of the stack's NIO TLS listener, instead of the JVM-wide javax.net.ssl key store properties: a
 * key manager that presents the edge's current certificate ({@link LiveKeyManager}). The listener asks for no client
 * certificates and opens no TLS connections itself ({@link OutboundConnections}), so its trust manager trusts nobody:
 * if a certificate ever reached it, refusing is the safe answer. The blocking sockets take their contexts from the
 * certificate service through {@link EdgeNetworkLayer}.
 */
public final class EdgeSecurityManagerProvider implements SecurityManagerProvider {

    private KeyManager[] keys = new KeyManager[0];

    /** Finds the stack's transport context under its name ({@link StackContexts}). */
    @Override
    public void init(Properties properties) {
        String stack = properties.getProperty("javax.sip.STACK_NAME");
        TransportContext context = StackContexts.find(stack, TransportContext.PROPERTY, TransportContext.class)
                .orElse(null);
        if (context != null && context.serverTls() instanceof CachedSslContext cached) {
            keys = new KeyManager[] {new LiveKeyManager(() -> (EdgeIdentity) cached.currentVersion())};
        }
    }

    @Override
    public KeyManager[] getKeyManagers(boolean client) {
        if (keys.length == 0) {
            throw new IllegalStateException("The SIP TLS listener needs the edge identity: serverTls must be a "
                    + "CachedSslContext over the certificate service's identity");
        }
        return keys.clone();
    }

    @Override
    public TrustManager[] getTrustManagers(boolean client) {
        return new TrustManager[] {TRUSTS_NOBODY};
    }

    private static final X509TrustManager TRUSTS_NOBODY = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("The SIP client listener does not take client certificates");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("Outbound SIP TLS is verified by EdgeNetworkLayer, not here");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };
}
