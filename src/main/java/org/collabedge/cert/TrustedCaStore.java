package org.collabedge.cert;

import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.collabedge.host.ConfigStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists the trusted-CA list as one PEM bundle, document {@value #DOCUMENT} in the {@link ConfigStore}; the same
 * format {@code openssl} and admins use, so the document can be read and edited by hand.
 */
final class TrustedCaStore {

    static final String DOCUMENT = "certificates.trusted";

    private static final Logger LOG = LoggerFactory.getLogger(TrustedCaStore.class);

    private final ConfigStore configs;

    TrustedCaStore(ConfigStore configs) {
        this.configs = configs;
    }

    /** The stored certificates; empty when none are stored, or when the document is damaged (logged). */
    List<X509Certificate> load() {
        Optional<String> document = configs.load(DOCUMENT);
        if (document.isEmpty() || document.get().isBlank()) {
            return List.of();
        }
        try {
            return Pem.parseCertificates(document.get(), "The stored trusted-CA list");
        } catch (CertificateProblem e) {
            LOG.error("Document '{}' cannot be read, so no CA is trusted from it: {}", DOCUMENT, e.getMessage());
            return List.of();
        }
    }

    void save(Collection<X509Certificate> certificates) {
        configs.save(DOCUMENT, Pem.encodeAll(certificates));
    }
}
