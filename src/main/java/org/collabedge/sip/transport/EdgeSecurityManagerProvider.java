package org.collabedge.sip.transport;

import java.util.Properties;

import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

import gov.nist.core.net.SecurityManagerProvider;

/**
 * Keeps the stack away from the JVM-wide javax.net.ssl key store properties: TLS contexts come from the edge's
 * certificate service through {@link EdgeNetworkLayer}, so the stack's own provider has nothing to offer.
 */
public final class EdgeSecurityManagerProvider implements SecurityManagerProvider {

    @Override
    public void init(Properties properties) {
    }

    @Override
    public KeyManager[] getKeyManagers(boolean client) {
        return new KeyManager[0];
    }

    @Override
    public TrustManager[] getTrustManagers(boolean client) {
        return new TrustManager[0];
    }
}
