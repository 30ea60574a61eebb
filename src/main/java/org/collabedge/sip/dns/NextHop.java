package org.collabedge.sip.dns;

import org.collabedge.sip.transport.Flow;

/**
 * One address a request may be sent to, as RFC 3263 resolution found it.
 *
 * @param flow    transport, IP address and port to connect to
 * @param tlsName the name the peer's certificate must carry: the configured domain or host, never the SRV target
 *                (RFC 5922 section 4), so a spoofed SRV answer cannot redirect TLS to a host with another certificate
 */
public record NextHop(Flow flow, String tlsName) {
}
