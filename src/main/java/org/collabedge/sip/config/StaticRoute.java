package org.collabedge.sip.config;

import org.collabedge.config.Transport;

/**
 * An LCS-style static route: requests for {@code pattern} ({@code *@domain} or {@code user@domain}) go to the next
 * hop, whose certificate is verified against {@code nextHopHost} when the transport is TLS and {@code tlsVerify} is on.
 */
public record StaticRoute(String id, String pattern, String nextHopHost, int nextHopPort, Transport transport,
                          boolean tlsVerify, String description) {
}
