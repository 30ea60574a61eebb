package org.collabedge.cert;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.bouncycastle.util.IPAddress;

/**
 * The TLS identity the edge presents: its certificate, the intermediates that lead to a CA (leaf first, issuer
 * next, root optional), and the private key. Immutable, so services can hold one while it is replaced.
 *
 * @param certificate the edge's own (leaf) certificate
 * @param chain       the issuing certificates in order, without the leaf; empty for a self-signed certificate
 * @param key         the private key of {@code certificate}; never logged (see {@link #toString()})
 * @param selfSigned  true when the edge generated this identity itself; an uploaded certificate is false even if
 *                    it happens to be self-signed, because only generated identities are replaced automatically
 */
public record EdgeIdentity(X509Certificate certificate, List<X509Certificate> chain, PrivateKey key,
                           boolean selfSigned) {

    /** Alias of the key entry in {@link #toKeyStore(char[])}. */
    public static final String KEY_ALIAS = "edge";

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    public EdgeIdentity {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain == null ? List.of() : chain);
    }

    /** Subject distinguished name of the leaf, RFC 2253 form. */
    public String subject() {
        return certificate.getSubjectX500Principal().getName();
    }

    /** DNS names and IP addresses of the leaf's subjectAltName extension, in certificate order. */
    public List<String> sans() {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            List<String> result = new ArrayList<>();
            if (names != null) {
                for (List<?> name : names) {
                    int type = (Integer) name.get(0);
                    if (type == SAN_DNS || type == SAN_IP) {
                        result.add(String.valueOf(name.get(1)));
                    }
                }
            }
            return List.copyOf(result);
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    /**
     * True when a client connecting to {@code hostName} would accept this certificate's names: a SAN dNSName equal
     * to it (case-insensitive, a leading {@code *.} matching exactly one label) or a SAN iPAddress equal to it.
     */
    public boolean coversHost(String hostName) {
        if (hostName == null || hostName.isBlank()) {
            return false;
        }
        String name = SelfSignedCertificateFactory.normalizeHostName(hostName);
        boolean ip = IPAddress.isValid(name);
        for (String san : sans()) {
            if (ip ? sameAddress(san, name) : matchesDnsName(san.toLowerCase(Locale.ROOT), name)) {
                return true;
            }
        }
        return false;
    }

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    /** SHA-256 fingerprint of the leaf, colon-separated upper-case hex. */
    public String sha256Fingerprint() {
        return Fingerprints.sha256(certificate);
    }

    /** Leaf followed by the chain, the order TLS sends them in. */
    public X509Certificate[] certificatePath() {
        List<X509Certificate> path = new ArrayList<>(chain.size() + 1);
        path.add(certificate);
        path.addAll(chain);
        return path.toArray(new X509Certificate[0]);
    }

    /** A PKCS#12 key store holding this identity under alias {@value #KEY_ALIAS}, protected by {@code password}. */
    public KeyStore toKeyStore(char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(KEY_ALIAS, key, password, certificatePath());
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build a PKCS12 key store for " + subject(), e);
        }
    }

    private static boolean matchesDnsName(String san, String name) {
        if (san.startsWith("*.")) {
            int dot = name.indexOf('.');
            return dot > 0 && name.substring(dot).equals(san.substring(1));
        }
        return san.equals(name);
    }

    private static boolean sameAddress(String san, String name) {
        if (!IPAddress.isValid(san)) {
            return false;
        }
        try {
            // Both are literals, so no name lookup happens.
            return InetAddress.getByName(san).equals(InetAddress.getByName(name));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Describes the identity without its key. */
    @Override
    public String toString() {
        return "EdgeIdentity[subject=" + subject() + ", sha256=" + sha256Fingerprint() + ", chain=" + chain.size()
                + ", selfSigned=" + selfSigned + "]";
    }
}
