package org.collabedge.sip.transport;

import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.function.Supplier;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

import org.collabedge.cert.EdgeIdentity;

/**
 * A key manager that presents the edge's current certificate on every handshake. JAIN-SIP's NIO TLS processor builds
 * its {@code SSLContext} once, at start; asking the certificate service on each handshake (and rebuilding the JDK key
 * manager only when the identity object changes) lets an uploaded or regenerated certificate apply to the next
 * connection without restarting the listener.
 */
final class LiveKeyManager extends X509ExtendedKeyManager {

    private static final SecureRandom RANDOM = new SecureRandom();

    private record Built(EdgeIdentity identity, X509ExtendedKeyManager manager) {
    }

    private final Supplier<EdgeIdentity> identity;
    private volatile Built current;

    LiveKeyManager(Supplier<EdgeIdentity> identity) {
        this.identity = identity;
    }

    private X509ExtendedKeyManager now() {
        EdgeIdentity id = identity.get();
        Built b = current;
        if (b == null || b.identity() != id) {
            b = new Built(id, build(id));
            current = b;
        }
        return b.manager();
    }

    private static X509ExtendedKeyManager build(EdgeIdentity id) {
        char[] password = new char[24];
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('!' + RANDOM.nextInt(94));
        }
        try {
            KeyStore store = id.toKeyStore(password);
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            for (KeyManager km : factory.getKeyManagers()) {
                if (km instanceof X509ExtendedKeyManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("No X.509 key manager for the edge identity");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the edge identity into a key manager", e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return now().chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return now().chooseEngineClientAlias(keyType, issuers, engine);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return now().getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return now().chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return now().getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return now().chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return now().getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return now().getPrivateKey(alias);
    }
}
