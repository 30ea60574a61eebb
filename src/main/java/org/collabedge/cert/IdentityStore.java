package org.collabedge.cert;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.collabedge.host.ConfigStore;
import org.collabedge.host.SecretStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists the edge identity through the host ports, split by sensitivity: the certificates (public) as a JSON
 * document {@value #DOCUMENT} in the {@link ConfigStore}, the private key (PKCS#8 DER) only in the
 * {@link SecretStore} under {@value #KEY_SECRET}. The key is written before the document, so a node that reloads
 * on the document's change event finds the matching key already there.
 */
final class IdentityStore {

    static final String DOCUMENT = "certificates.identity";
    static final String KEY_SECRET = "edge.tls.key";

    private static final Logger LOG = LoggerFactory.getLogger(IdentityStore.class);

    /** The stored JSON: PEM texts and the flag; never the key. */
    record StoredIdentity(int version, boolean selfSigned, String certificate, String chain) {
    }

    private final ConfigStore configs;
    private final SecretStore secrets;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    IdentityStore(ConfigStore configs, SecretStore secrets) {
        this.configs = configs;
        this.secrets = secrets;
    }

    /** The stored identity; empty when none is stored or what is stored is unusable (logged, without secrets). */
    Optional<EdgeIdentity> load() {
        Optional<String> document = configs.load(DOCUMENT);
        if (document.isEmpty() || document.get().isBlank()) {
            return Optional.empty();
        }
        StoredIdentity stored;
        List<X509Certificate> certificates;
        List<X509Certificate> chain;
        try {
            stored = json.readValue(document.get(), StoredIdentity.class);
            certificates = Pem.parseCertificates(stored.certificate(), "The stored certificate");
            chain = stored.chain() == null || stored.chain().isBlank()
                    ? List.of() : Pem.parseCertificates(stored.chain(), "The stored chain");
        } catch (Exception e) {
            LOG.error("Stored TLS identity document '{}' cannot be read; it will be replaced", DOCUMENT, e);
            return Optional.empty();
        }
        X509Certificate leaf = certificates.get(0);
        Optional<PrivateKey> key = loadKey(leaf);
        if (key.isEmpty()) {
            LOG.error("The private key of the stored TLS certificate '{}' (SHA-256 {}) is missing or does not match;"
                    + " the certificate will be replaced", leaf.getSubjectX500Principal().getName(),
                    Fingerprints.sha256(leaf));
            return Optional.empty();
        }
        return Optional.of(new EdgeIdentity(leaf, chain, key.get(), stored.selfSigned()));
    }

    void save(EdgeIdentity identity) {
        byte[] keyBytes = identity.key().getEncoded();
        try {
            secrets.put(KEY_SECRET, keyBytes);
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
        }
        StoredIdentity stored = new StoredIdentity(1, identity.selfSigned(), Pem.encode(identity.certificate()),
                Pem.encodeAll(identity.chain()));
        try {
            configs.save(DOCUMENT, json.writerWithDefaultPrettyPrinter().writeValueAsString(stored));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot store the TLS identity document", e);
        }
    }

    private Optional<PrivateKey> loadKey(X509Certificate leaf) {
        Optional<byte[]> bytes = secrets.get(KEY_SECRET);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        byte[] der = bytes.get();
        try {
            PrivateKey key = KeyFactory.getInstance(leaf.getPublicKey().getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(der));
            return TlsKeyPolicy.keyMatches(key, leaf) ? Optional.of(key) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }
}
