package org.collabedge.config;

/** How the edge talks to an internal server. */
public enum Transport {
    TLS(true, false), TCP(false, false), UDP(false, true), HTTPS(true, false), HTTP(false, false), TFTP(false, true);

    private final boolean secure;
    private final boolean datagram;

    Transport(boolean secure, boolean datagram) {
        this.secure = secure;
        this.datagram = datagram;
    }

    /** Carried over TLS, so a certificate can (and by default must) be verified. */
    public boolean secure() {
        return secure;
    }

    /** Connectionless, so reachability cannot be tested with a connect. */
    public boolean datagram() {
        return datagram;
    }
}
