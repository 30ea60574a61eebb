package org.collabedge.connectivity;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one probe found, step by step, turned into a {@link ProbeResult}: on success the steps make the detail
 * ("Connected in 3 ms; TLSv1.3; certificate ...; SIP/2.0 200 OK"), on failure the first failure does.
 */
final class ProbeReport {

    private final Instant testedAt;
    private final List<String> steps = new ArrayList<>();
    private ProbeStatus failure;
    private String problem;
    private X509Certificate peer;
    private String response;

    ProbeReport(Instant testedAt) {
        this.testedAt = testedAt;
    }

    void step(String text) {
        steps.add(text);
    }

    /** A completed handshake: protocol and the certificate, which was verified or, by configuration, not. */
    void secured(String protocol, X509Certificate certificate, boolean verified) {
        steps.add(protocol);
        if (certificate == null) {
            return;
        }
        peer = certificate;
        Instant notAfter = certificate.getNotAfter().toInstant();
        String validity = notAfter.isBefore(testedAt) ? "expired on " : "valid until ";
        steps.add("certificate " + PeerCertificates.subject(certificate) + ", " + validity
                + PeerCertificates.day(notAfter)
                + (verified ? "" : " (not verified: TLS verification is off for this server)"));
    }

    /** The certificate a failed handshake presented, so the result can show it. */
    void presented(X509Certificate certificate) {
        peer = certificate;
    }

    /** The server's answer in its protocol (recognised or not). */
    void answered(String line) {
        response = line;
        steps.add(line);
    }

    void fail(ProbeStatus status, String detail) {
        if (failure == null) {
            failure = status;
            problem = detail;
        }
    }

    ProbeResult toResult(long elapsedMillis) {
        ProbeStatus status = failure == null ? ProbeStatus.OK : failure;
        String detail = failure == null ? String.join("; ", steps) : problem;
        return new ProbeResult(status, detail, testedAt, elapsedMillis,
                peer == null ? null : PeerCertificates.subject(peer),
                peer == null ? null : peer.getNotAfter().toInstant(), response);
    }
}
