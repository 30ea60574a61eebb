package org.collabedge.cert;

import java.security.Provider;
import java.security.Security;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The BouncyCastle provider handed to BC builders explicitly. Openfire registers BC globally, the standalone host
 * does not; we use the registered one when present and otherwise a private instance, and never register it
 * ourselves, so the JVM's provider list is left as the host made it.
 */
final class BcProvider {

    private BcProvider() {
    }

    static Provider get() {
        Provider registered = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        return registered != null ? registered : Private.INSTANCE;
    }

    private static final class Private {
        static final Provider INSTANCE = new BouncyCastleProvider();
    }
}
