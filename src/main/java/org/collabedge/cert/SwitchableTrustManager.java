package org.collabedge.cert;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The one trust manager the edge hands out: it forwards to a PKIX manager that is swapped whenever the
 * trusted-CA list changes, so TLS contexts built earlier follow the admin's edits without being rebuilt.
 * With no delegate it rejects every certificate: an empty list means "trust nothing", never "trust all".
 */
final class SwitchableTrustManager extends X509ExtendedTrustManager {

    private volatile X509ExtendedTrustManager delegate;

    /** Replaces the manager checks go to; null to trust nothing. */
    void use(X509ExtendedTrustManager newDelegate) {
        this.delegate = newDelegate;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        current().checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        current().checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        current().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        current().checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        current().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        current().checkServerTrusted(chain, authType, engine);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        X509ExtendedTrustManager manager = delegate;
        return manager == null ? new X509Certificate[0] : manager.getAcceptedIssuers();
    }

    private X509ExtendedTrustManager current() throws CertificateException {
        X509ExtendedTrustManager manager = delegate;
        if (manager == null) {
            throw new CertificateException("No CA is trusted: add the CA that issued the peer's certificate to"
                    + " the edge's trusted-CA list");
        }
        return manager;
    }
}
