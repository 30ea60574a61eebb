package org.collabedge.cert;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.X509ExtendedTrustManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CAs the edge trusts for its outbound TLS connections, as the admin manages them: add from PEM, list,
 * remove by fingerprint, each change persisted and applied at once to the live {@link #trustManager()}.
 * The JVM's default CAs are trusted in addition when {@code includeSystemCas} is set; they are not listed.
 */
final class TrustedCaList {

    private static final Logger LOG = LoggerFactory.getLogger(TrustedCaList.class);

    private final TrustedCaStore store;
    private final boolean includeSystemCas;
    private final SwitchableTrustManager trustManager = new SwitchableTrustManager();
    private final Map<String, TrustedCa> byFingerprint = new LinkedHashMap<>();

    TrustedCaList(TrustedCaStore store, boolean includeSystemCas) {
        this.store = store;
        this.includeSystemCas = includeSystemCas;
        apply();
    }

    /** Replaces the in-memory list with the stored one. */
    synchronized void reload() {
        byFingerprint.clear();
        for (X509Certificate certificate : store.load()) {
            TrustedCa ca = TrustedCa.of(certificate);
            byFingerprint.putIfAbsent(ca.fingerprint(), ca);
        }
        apply();
    }

    synchronized List<TrustedCa> list() {
        return List.copyOf(byFingerprint.values());
    }

    /**
     * Adds every certificate in the PEM text that is not yet trusted.
     *
     * @return the ones added, in text order (empty when all were already trusted)
     * @throws CertificateProblem {@code not_pem} or {@code no_certificate}
     */
    synchronized List<TrustedCa> add(String pem) {
        List<X509Certificate> certificates = Pem.parseCertificates(pem, "The CA certificate text");
        List<TrustedCa> added = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            TrustedCa ca = TrustedCa.of(certificate);
            if (byFingerprint.putIfAbsent(ca.fingerprint(), ca) == null) {
                added.add(ca);
                LOG.info("Trusted CA added: {} (SHA-256 {})", ca.subject(), ca.fingerprint());
            }
        }
        if (!added.isEmpty()) {
            persistAndApply();
        }
        return List.copyOf(added);
    }

    /** Removes the CA with this fingerprint (colons and case optional); false when none has it. */
    synchronized boolean remove(String fingerprint) {
        TrustedCa removed = byFingerprint.remove(Fingerprints.normalize(fingerprint));
        if (removed == null) {
            return false;
        }
        LOG.info("Trusted CA removed: {} (SHA-256 {})", removed.subject(), removed.fingerprint());
        persistAndApply();
        return true;
    }

    X509ExtendedTrustManager trustManager() {
        return trustManager;
    }

    private void persistAndApply() {
        store.save(byFingerprint.values().stream().map(TrustedCa::certificate).toList());
        apply();
    }

    private void apply() {
        List<X509Certificate> anchors = new ArrayList<>();
        byFingerprint.values().forEach(ca -> anchors.add(ca.certificate()));
        if (includeSystemCas) {
            anchors.addAll(TrustManagers.systemCas());
        }
        trustManager.use(TrustManagers.pkix(anchors));
    }
}
