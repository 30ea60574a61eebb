package org.collabedge.sip.transport;

import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.collabedge.cert.EdgeIdentity;

/**
 * TLS between the nodes of one cluster. Every node presents the edge's own identity (nodes share it through the
 * shared configuration and secret store) and accepts a peer only if the peer presents exactly that certificate, as
 * server and as client. An outsider would need the edge's private key, which never leaves the secret store, so a
 * connection this trust accepts is another node of this cluster. Host names are not checked: peers are reached by
 * internal address.
 */
final class ClusterTrust implements X509TrustManager {

    private static final SecureRandom RANDOM = new SecureRandom();
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final Supplier<EdgeIdentity> identity;
    private volatile EdgeIdentity builtFor;
    private volatile SSLContext context;

    ClusterTrust(Supplier<EdgeIdentity> identity) {
        this.identity = identity;
    }

    /** A context presenting the current identity and trusting only it; rebuilt when the identity changes. */
    synchronized SSLContext context() {
        EdgeIdentity now = identity.get();
        if (context == null || now != builtFor) {
            context = build(now);
            builtFor = now;
        }
        return context;
    }

    private SSLContext build(EdgeIdentity id) {
        char[] password = new char[24];
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('!' + RANDOM.nextInt(94));
        }
        try {
            KeyStore store = id.toKeyStore(password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(keys.getKeyManagers(), new TrustManager[] {this}, RANDOM);
            return c;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot build the cluster TLS context", e);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0 || !chain[0].equals(identity.get().certificate())) {
            throw new CertificateException("Not this cluster's edge certificate");
        }
        chain[0].checkValidity();
    }

    /** None named: a client then offers its only key, whoever issued the edge certificate. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
