package org.collabedge.connectivity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;

import javax.net.ssl.SSLHandshakeException;

import org.collabedge.config.InternalServer;
import org.collabedge.config.ServerType;
import org.collabedge.config.Transport;
import org.junit.jupiter.api.Test;

/** Classification of failures the loopback servers cannot easily provoke. */
class HandshakeFailuresTest {

    private static final InternalServer CUCM = new InternalServer("c", ServerType.CALL_CONTROL, "cucm.example.com",
            5061, Transport.TLS, true, null, "default");

    private static SSLHandshakeException handshake(String message, Throwable cause) {
        SSLHandshakeException e = new SSLHandshakeException(message);
        e.initCause(cause);
        return e;
    }

    @Test
    void revokedCertificateIsUntrusted() {
        SSLHandshakeException e = handshake("PKIX path validation failed", new CertPathValidatorException(
                "Certificate has been revoked", null, null, -1, CertPathValidatorException.BasicReason.REVOKED));

        assertEquals(ProbeStatus.CERTIFICATE_UNTRUSTED, HandshakeFailures.classify(e));
        assertEquals("Certificate has been revoked", HandshakeFailures.describe(ProbeStatus.CERTIFICATE_UNTRUSTED,
                e, CUCM, null, Deadline.after(Duration.ofSeconds(1))));
    }

    @Test
    void notYetValidCertificateCountsAsOutsideItsValidity() {
        SSLHandshakeException e = handshake("validity check failed", new CertificateNotYetValidException("NotBefore"));

        assertEquals(ProbeStatus.CERTIFICATE_EXPIRED, HandshakeFailures.classify(e));
        assertEquals("Certificate is not yet valid", HandshakeFailures.describe(ProbeStatus.CERTIFICATE_EXPIRED,
                e, CUCM, null, Deadline.after(Duration.ofSeconds(1))));
    }

    @Test
    void noNameMatchingIsAHostnameMismatch() {
        SSLHandshakeException e = handshake("No name matching cucm.example.com found",
                new CertificateException("No name matching cucm.example.com found"));

        assertEquals(ProbeStatus.HOSTNAME_MISMATCH, HandshakeFailures.classify(e));
    }

    @Test
    void serverRefusingTheClientCertificateIsATlsFailure() {
        SSLHandshakeException e = new SSLHandshakeException("Received fatal alert: certificate_required");

        assertEquals(ProbeStatus.TLS_FAILED, HandshakeFailures.classify(e));
        assertEquals("The server refused the edge's client certificate (Received fatal alert: certificate_required)",
                HandshakeFailures.describe(ProbeStatus.TLS_FAILED, e, CUCM, null, Deadline.after(Duration.ofSeconds(1))));
    }

    @Test
    void mismatchDetailListsOnlyTheFirstNames() throws Exception {
        TestPki ca = TestPki.create("Names CA");
        var peer = ca.issue("proxy", TestPki.dns("a.example"), TestPki.dns("b.example"), TestPki.dns("c.example"),
                TestPki.dns("d.example"), TestPki.dns("e.example"), TestPki.dns("f.example")).certificate();

        assertEquals("Certificate does not name cucm.example.com: CN=proxy "
                        + "(names: a.example, b.example, c.example, d.example and 2 more)",
                HandshakeFailures.describe(ProbeStatus.HOSTNAME_MISMATCH, new SSLHandshakeException("x"), CUCM, peer,
                        Deadline.after(Duration.ofSeconds(1))));
    }
}
