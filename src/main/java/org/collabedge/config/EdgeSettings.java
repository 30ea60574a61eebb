package org.collabedge.config;

/**
 * Settings of the edge itself: the name remote clients use and the listeners they reach. Defaults come from the
 * seeds' port reference: SIP TLS 5061 on, SIP TCP/UDP 5060 off, HTTPS 8443, media UDP 36000-59999, TURN 3478.
 */
public record EdgeSettings(String publicHostName, String listenAddress,
                           boolean sipTlsEnabled, int sipTlsPort,
                           boolean sipTcpEnabled, int sipTcpPort,
                           boolean sipUdpEnabled, int sipUdpPort,
                           boolean sipWssEnabled, int sipWssPort,
                           int httpsPort, int mediaPortMin, int mediaPortMax,
                           boolean turnEnabled, int turnPort) {

    public static EdgeSettings defaults(String publicHostName) {
        return new EdgeSettings(publicHostName, "0.0.0.0",
                true, 5061, false, 5060, false, 5060, false, 7444,
                8443, 36000, 59999, false, 3478);
    }
}
