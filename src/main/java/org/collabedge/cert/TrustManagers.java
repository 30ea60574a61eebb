package org.collabedge.cert;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the JDK's PKIX trust manager over an explicit set of trust anchors, and reads the JVM's default CAs
 * (cacerts, or whatever {@code javax.net.ssl.trustStore} names) for when those are to be trusted as well.
 * Using the JDK's own manager keeps its hostname checks when the caller enables endpoint identification.
 */
final class TrustManagers {

    private TrustManagers() {
    }

    /**
     * A PKIX trust manager whose anchors are exactly {@code anchors}; null when there are none, because the JDK
     * cannot build a PKIX manager without anchors (callers then trust nothing).
     */
    static X509ExtendedTrustManager pkix(Collection<X509Certificate> anchors) {
        Set<X509Certificate> unique = new LinkedHashSet<>(anchors);
        if (unique.isEmpty()) {
            return null;
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int index = 0;
            for (X509Certificate anchor : unique) {
                store.setCertificateEntry("ca-" + index++, anchor);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            return firstExtended(factory.getTrustManagers());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot build a trust manager over " + unique.size() + " CAs", e);
        }
    }

    /** The CAs the JVM trusts by default. */
    static List<X509Certificate> systemCas() {
        return SystemCas.LIST;
    }

    private static X509ExtendedTrustManager firstExtended(TrustManager[] managers) {
        for (TrustManager manager : managers) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                return extended;
            }
        }
        throw new IllegalStateException("The JDK offers no X509ExtendedTrustManager");
    }

    private static final class SystemCas {
        static final List<X509Certificate> LIST = load();

        private static List<X509Certificate> load() {
            try {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(
                        TrustManagerFactory.getDefaultAlgorithm());
                factory.init((KeyStore) null);
                List<X509Certificate> result = new ArrayList<>();
                for (TrustManager manager : factory.getTrustManagers()) {
                    if (manager instanceof X509TrustManager x509) {
                        result.addAll(List.of(x509.getAcceptedIssuers()));
                    }
                }
                return List.copyOf(result);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot read the JVM's default trusted CAs", e);
            }
        }
    }
}
