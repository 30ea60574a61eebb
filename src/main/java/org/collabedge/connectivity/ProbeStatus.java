package org.collabedge.connectivity;

/** The verdict of one connectivity test of an internal server. */
public enum ProbeStatus {
    /** Reached, (when secure) handshaken, and answered in its own protocol. */
    OK,
    /** Name not resolved, connection refused or timed out, or no answer over UDP. */
    UNREACHABLE,
    /** The TLS handshake failed for a reason other than the server's certificate. */
    TLS_FAILED,
    /** The certificate chain does not lead to a CA the edge trusts (or a CA revoked it). */
    CERTIFICATE_UNTRUSTED,
    /** The certificate is trusted but does not name the address the server is configured with. */
    HOSTNAME_MISMATCH,
    /** The certificate (or one in its chain) is outside its validity period: expired or not yet valid. */
    CERTIFICATE_EXPIRED,
    /** Reached, but the answer was not the protocol the server's type speaks (or there was none). */
    PROTOCOL_ERROR,
    /** The server's transport offers nothing the edge can test, e.g. TFTP. */
    NOT_TESTABLE
}
