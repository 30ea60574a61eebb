package org.collabedge.cert;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Puts the issuing certificates an admin uploaded into TLS order (leaf, its issuer, that one's issuer...), whatever
 * order they were pasted in. A link holds when the issuer name matches the next subject and the signature verifies
 * with the next certificate's key. Certificates that do not fit in the path are refused rather than dropped, since
 * they usually mean the wrong intermediate was pasted.
 */
final class ChainBuilder {

    private ChainBuilder() {
    }

    /**
     * @param leaf   the edge's certificate
     * @param others issuing certificates in any order; copies of the leaf are ignored
     * @return the issuing certificates in path order, without the leaf
     * @throws CertificateProblem {@code chain_order} when they do not form one path up from the leaf
     */
    static List<X509Certificate> order(X509Certificate leaf, Collection<X509Certificate> others) {
        Set<X509Certificate> remaining = new LinkedHashSet<>(others);
        remaining.remove(leaf);
        List<X509Certificate> ordered = new ArrayList<>();
        X509Certificate current = leaf;
        while (!remaining.isEmpty() && !isSelfIssued(current)) {
            X509Certificate issuer = findIssuer(current, remaining);
            if (issuer == null) {
                break;
            }
            ordered.add(issuer);
            remaining.remove(issuer);
            current = issuer;
        }
        if (!remaining.isEmpty()) {
            X509Certificate stray = remaining.iterator().next();
            throw new CertificateProblem(CertificateProblem.CHAIN_ORDER, "The chain does not link up: "
                    + describe(current) + " was issued by " + current.getIssuerX500Principal().getName()
                    + ", but the chain certificate " + describe(stray) + " is not part of that path. Paste the"
                    + " intermediate certificates that issued this certificate.");
        }
        return List.copyOf(ordered);
    }

    /** True when {@code issuer} names and signed {@code certificate}. */
    static boolean issued(X509Certificate issuer, X509Certificate certificate) {
        if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static X509Certificate findIssuer(X509Certificate certificate, Collection<X509Certificate> candidates) {
        for (X509Certificate candidate : candidates) {
            if (issued(candidate, certificate)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean isSelfIssued(X509Certificate certificate) {
        return issued(certificate, certificate);
    }

    private static String describe(X509Certificate certificate) {
        return "\"" + certificate.getSubjectX500Principal().getName() + "\"";
    }
}
