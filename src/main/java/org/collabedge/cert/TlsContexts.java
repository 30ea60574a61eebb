package org.collabedge.cert;

import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the edge's {@link SSLContext}s from an identity and a trust manager, limited to TLS 1.2 and 1.3 by
 * {@link ModernTlsContext}. The identity's key goes into a throw-away PKCS#12 store under a random password that
 * never leaves this method.
 */
final class TlsContexts {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TlsContexts() {
    }

    /**
     * @param identity presented to peers; null for a context without a key (client only)
     * @param trust    checks the peer's certificate (client certificates on a server context)
     */
    static SSLContext build(EdgeIdentity identity, X509TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(identity == null ? null : keyManagers(identity), new TrustManager[] {trust}, RANDOM);
            return ModernTlsContext.wrap(context);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot build a TLS context", e);
        }
    }

    private static KeyManager[] keyManagers(EdgeIdentity identity) throws Exception {
        char[] password = new char[24];
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('!' + RANDOM.nextInt(94));
        }
        KeyStore store = identity.toKeyStore(password);
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        Arrays.fill(password, '\0');
        return factory.getKeyManagers();
    }
}
