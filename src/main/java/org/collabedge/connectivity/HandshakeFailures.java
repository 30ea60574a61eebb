package org.collabedge.connectivity;

import java.net.SocketTimeoutException;
import java.security.cert.CertPath;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

import org.collabedge.config.InternalServer;

/**
 * Tells why a TLS handshake failed, from the exception's cause chain: the validity period, the chain of trust, the
 * name in the certificate, or the handshake itself; and says it in a sentence that names the certificate.
 * Validity is tested first because the JDK checks the chain (trust, then dates) before the name.
 */
final class HandshakeFailures {

    /** A mismatch detail lists at most this many of the certificate's names, to stay one short sentence. */
    private static final int MAX_NAMES_SHOWN = 4;

    private HandshakeFailures() {
    }

    static ProbeStatus classify(Throwable failure) {
        if (outsideValidity(failure)) {
            return ProbeStatus.CERTIFICATE_EXPIRED;
        }
        if (find(failure, CertPathBuilderException.class) != null || find(failure, CertPathValidatorException.class) != null
                || messageContains(failure, "PKIX path", "No trusted certificate found")) {
            return ProbeStatus.CERTIFICATE_UNTRUSTED;
        }
        if (messageContains(failure, "No subject alternative", "No name matching")) {
            return ProbeStatus.HOSTNAME_MISMATCH;
        }
        return ProbeStatus.TLS_FAILED;
    }

    /**
     * A sentence for the admin page.
     *
     * @param peer the server's certificate when it could be read (null otherwise)
     */
    static String describe(ProbeStatus status, Throwable failure, InternalServer server, X509Certificate peer,
                           Deadline deadline) {
        return switch (status) {
            case CERTIFICATE_EXPIRED -> validity(failure, peer);
            case CERTIFICATE_UNTRUSTED -> trust(failure, peer);
            case HOSTNAME_MISMATCH -> "Certificate does not name " + server.address()
                    + (peer == null ? "" : ": " + PeerCertificates.subject(peer) + " " + namesOf(peer));
            default -> handshake(failure, deadline);
        };
    }

    private static String validity(Throwable failure, X509Certificate peer) {
        X509Certificate culprit = culprit(failure, peer);
        boolean notYetValid = find(failure, CertificateNotYetValidException.class) != null
                || reason(failure) == BasicReason.NOT_YET_VALID;
        if (culprit == null) {
            return notYetValid ? "Certificate is not yet valid" : "Certificate has expired";
        }
        String which = culprit.equals(peer) || peer == null ? "Certificate" : "CA certificate in the chain";
        return notYetValid
                ? which + " is not valid until " + PeerCertificates.day(culprit.getNotBefore().toInstant()) + ": "
                        + PeerCertificates.subject(culprit)
                : which + " expired on " + PeerCertificates.day(culprit.getNotAfter().toInstant()) + ": "
                        + PeerCertificates.subject(culprit);
    }

    private static String trust(Throwable failure, X509Certificate peer) {
        String named = peer == null ? ""
                : ": " + PeerCertificates.subject(peer) + " (issued by " + PeerCertificates.issuer(peer) + ")";
        BasicReason reason = reason(failure);
        if (reason == BasicReason.REVOKED) {
            return "Certificate has been revoked" + named;
        }
        if (reason == BasicReason.INVALID_SIGNATURE || reason == BasicReason.ALGORITHM_CONSTRAINED
                || reason == BasicReason.UNDETERMINED_REVOCATION_STATUS) {
            CertPathValidatorException invalid = find(failure, CertPathValidatorException.class);
            return "Certificate is not trusted (" + ResponseLines.printable(String.valueOf(invalid.getMessage()))
                    + ")" + named;
        }
        return "Certificate is not signed by a trusted CA" + named;
    }

    private static String handshake(Throwable failure, Deadline deadline) {
        if (deadline.expired() || find(failure, SocketTimeoutException.class) != null) {
            return "TLS handshake did not complete within " + deadline.budgetMillis() + " ms";
        }
        if (messageContains(failure, "Unsupported or unrecognized SSL message", "plaintext connection")) {
            return "The server did not answer with TLS (is this a plain-text port?)";
        }
        String message = ResponseLines.printable(String.valueOf(failure.getMessage()));
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("received fatal alert") && (lower.contains("bad_certificate")
                || lower.contains("certificate_required") || lower.contains("certificate_unknown"))) {
            return "The server refused the edge's client certificate (" + message + ")";
        }
        return "TLS handshake failed: " + message;
    }

    private static boolean outsideValidity(Throwable failure) {
        BasicReason reason = reason(failure);
        return reason == BasicReason.EXPIRED || reason == BasicReason.NOT_YET_VALID
                || find(failure, CertificateExpiredException.class) != null
                || find(failure, CertificateNotYetValidException.class) != null;
    }

    private static BasicReason reason(Throwable failure) {
        CertPathValidatorException invalid = find(failure, CertPathValidatorException.class);
        return invalid != null && invalid.getReason() instanceof BasicReason basic ? basic : null;
    }

    /** The certificate the validator pointed at, else the server's own. */
    private static X509Certificate culprit(Throwable failure, X509Certificate peer) {
        CertPathValidatorException invalid = find(failure, CertPathValidatorException.class);
        if (invalid != null && invalid.getCertPath() != null && invalid.getIndex() >= 0) {
            CertPath path = invalid.getCertPath();
            List<? extends Certificate> certificates = path.getCertificates();
            if (invalid.getIndex() < certificates.size()
                    && certificates.get(invalid.getIndex()) instanceof X509Certificate x509) {
                return x509;
            }
        }
        return peer;
    }

    private static String namesOf(X509Certificate peer) {
        List<String> names = PeerCertificates.names(peer);
        if (names.isEmpty()) {
            return "(no subject alternative names)";
        }
        String shown = String.join(", ", names.subList(0, Math.min(names.size(), MAX_NAMES_SHOWN)));
        int more = names.size() - MAX_NAMES_SHOWN;
        return "(names: " + shown + (more > 0 ? " and " + more + " more" : "") + ")";
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static boolean messageContains(Throwable failure, String... fragments) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null) {
                for (String fragment : fragments) {
                    if (message.contains(fragment)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
