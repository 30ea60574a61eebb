package org.collabedge.sip.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

import org.collabedge.config.HostNames;
import org.collabedge.sip.transport.Flow;

/** Reads the {@code tls:<host>:<port>} a node advertises for its node-to-node listener. */
final class PeerAddress {

    private PeerAddress() {
    }

    static Optional<Flow> parse(String advertised) {
        if (advertised == null) {
            return Optional.empty();
        }
        int colon = advertised.indexOf(':');
        int last = advertised.lastIndexOf(':');
        if (colon <= 0 || last <= colon) {
            return Optional.empty();
        }
        String transport = advertised.substring(0, colon).toUpperCase(Locale.ROOT);
        String host = HostNames.unbracket(advertised.substring(colon + 1, last));
        try {
            int port = Integer.parseInt(advertised.substring(last + 1));
            if (!transport.equals("TLS") || host.isEmpty() || port <= 0 || port > 65535) {
                return Optional.empty();
            }
            return Optional.of(new Flow(transport, host, port));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Same listener: transport and port equal, hosts the same address (IPv6 spellings differ). */
    static boolean same(Flow a, Flow b) {
        if (a.port() != b.port() || !a.transport().equals(b.transport())) {
            return false;
        }
        if (a.host().equalsIgnoreCase(b.host())) {
            return true;
        }
        try {
            return HostNames.isIpLiteral(a.host()) && HostNames.isIpLiteral(b.host())
                    && InetAddress.getByName(a.host()).equals(InetAddress.getByName(b.host()));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
