package org.collabedge.sip.config;

import org.collabedge.config.Transport;

/**
 * An LCS-style static route: requests for {@code pattern} ({@code *@domain} or {@code user@domain}) go to the next
 * hop, whose certificate is verified against {@code nextHopHost} when the transport is TLS and {@code tlsVerify} is on.
 * A port of 0 means none was given: the next hop's NAPTR and SRV records name the servers and ports (RFC 3263), and
 * their certificates must still name {@code nextHopHost} (RFC 5922).
 */
public record StaticRoute(String id, String pattern, String nextHopHost, int nextHopPort, Transport transport,
                          boolean tlsVerify, String description) {
}
