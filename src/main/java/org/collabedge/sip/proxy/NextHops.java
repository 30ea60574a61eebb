package org.collabedge.sip.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.collabedge.sip.dns.NextHop;
import org.collabedge.sip.dns.SipDnsResolver;
import org.collabedge.sip.transport.Flow;
import org.collabedge.sip.transport.TlsPeerNames;

/**
 * Turns a configured next hop (internal call control server, static route) into the flows to try, in order, through
 * RFC 3263 DNS: port 0 means "ask NAPTR/SRV". A host that does not resolve is kept as it is, so the stack's own
 * lookup still gets its chance (and the failure shows up as a failed branch, as before). TLS hops found through DNS
 * are noted for the network layer, which then checks the certificate against the configured name.
 */
public final class NextHops {

    private final Supplier<SipDnsResolver> dns;
    private final Supplier<Set<String>> edgeTransports;

    /** @param edgeTransports the transports the edge has listeners for (requests can only leave on those) */
    public NextHops(Supplier<SipDnsResolver> dns, Supplier<Set<String>> edgeTransports) {
        this.dns = dns;
        this.edgeTransports = edgeTransports;
    }

    public List<Flow> resolve(String host, int port, String transport) {
        List<NextHop> hops = dns.get().resolve(host, port,
                SipDnsResolver.acceptable(transport, edgeTransports.get()));
        if (hops.isEmpty()) {
            return List.of(new Flow(transport, host, port > 0 ? port : "TLS".equalsIgnoreCase(transport) ? 5061
                    : 5060));
        }
        List<Flow> out = new ArrayList<>();
        for (NextHop h : hops) {
            if ("TLS".equals(h.flow().transport())) {
                TlsPeerNames.expect(h.flow().host(), h.flow().port(), h.tlsName());
            }
            out.add(h.flow());
        }
        return out;
    }

    /** Fail-over targets for all flows after the first. */
    static List<Target> fallbacks(List<Flow> flows) {
        return flows.subList(Math.min(1, flows.size()), flows.size()).stream()
                .map(f -> new Target(null, f, false, List.of(), false)).toList();
    }
}
