package org.collabedge.sip.proxy;

import java.text.ParseException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ViaHeader;

import org.collabedge.sip.SipMessages;
import org.collabedge.sip.transport.Flow;
import org.collabedge.sip.validation.LoopHash;
import org.collabedge.sip.validation.RequestValidator;

/**
 * How the edge names itself in messages: its Via, its Record-Route entries (carrying flow tokens) and which Route
 * entries are its own. Only the public host name appears, never an internal address.
 *
 * @param publicHost the name clients reach the edge by
 * @param localHosts other names and addresses that mean this edge (listen address, loopback in tests)
 * @param ports      listener port per transport ("UDP", "TCP", "TLS")
 * @param tokens     writes and checks the authenticated flow tokens in the edge's route entries
 */
public record EdgeAddresses(String publicHost, Set<String> localHosts, Map<String, Integer> ports, SipMessages sip,
                            FlowToken tokens) {

    public EdgeAddresses {
        Set<String> hosts = new HashSet<>();
        hosts.add(publicHost.toLowerCase(Locale.ROOT));
        localHosts.forEach(h -> hosts.add(h.toLowerCase(Locale.ROOT)));
        localHosts = Set.copyOf(hosts);
        ports = Map.copyOf(ports);
    }

    /** "host:port" of every Via this edge writes, for loop detection. */
    public Set<String> sentBy() {
        Set<String> out = new HashSet<>();
        for (String h : localHosts) {
            ports.values().forEach(p -> out.add(h + ":" + p));
        }
        return out;
    }

    public boolean hasTransport(String transport) {
        return ports.containsKey(transport.toUpperCase(Locale.ROOT));
    }

    /** The edge's Via for a request it forwards; the branch carries the request's loop hash. */
    public ViaHeader via(String transport, javax.sip.message.Request request) {
        String t = transport.toUpperCase(Locale.ROOT);
        try {
            ViaHeader via = sip.headers.createViaHeader(publicHost, port(t), t, RequestValidator.EDGE_BRANCH
                    + LoopHash.of(request) + "-" + UUID.randomUUID().toString().replace("-", ""));
            via.setRPort();
            return via;
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException("Cannot write the edge's Via", e);
        }
    }

    /**
     * A Record-Route entry for the listener of {@code transport}, with the flow tokens of both sides and which of
     * them is inside; still to be signed ({@link DialogRouteSet#sign}) once every parameter is in.
     *
     * @param callerInside the caller is call control or a static route's next hop, not an outside client
     * @param callee       the callee's flow when it is an outside client; null: the callee is inside
     */
    public RecordRouteHeader recordRoute(String transport, Flow caller, boolean callerInside, Flow callee) {
        String t = transport.toUpperCase(Locale.ROOT);
        try {
            SipURI uri = sip.addresses.createSipURI(null, publicHost);
            uri.setPort(port(t));
            uri.setTransportParam(t.toLowerCase(Locale.ROOT));
            uri.setLrParam();
            uri.setParameter(FlowToken.CALLER, tokens.encode(caller));
            if (callee != null) {
                uri.setParameter(FlowToken.CALLEE, tokens.encode(callee));
            }
            uri.setParameter(DialogRouteSet.SIDES, DialogRouteSet.sides(callerInside, callee == null));
            Address address = sip.addresses.createAddress(uri);
            return sip.headers.createRecordRouteHeader(address);
        } catch (ParseException e) {
            throw new IllegalStateException("Cannot write the edge's Record-Route", e);
        }
    }

    /** Whether a Route entry names this edge. */
    public boolean isOwn(RouteHeader route) {
        if (!(route.getAddress().getURI() instanceof SipURI uri)) {
            return false;
        }
        if (!localHosts.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            return false;
        }
        int port = uri.getPort();
        return port <= 0 ? ports.containsValue(uri.isSecure() ? 5061 : 5060) : ports.containsValue(port);
    }

    /** Whether a Request-URI addresses the edge itself (no user part, one of its names). */
    public boolean isSelf(SipURI uri) {
        return uri.getUser() == null && localHosts.contains(uri.getHost().toLowerCase(Locale.ROOT));
    }

    /** The URI the edge puts in Path (RFC 3327) for a client registering with internal call control. */
    public String pathUri(String transport, Flow client) {
        String t = transport.toUpperCase(Locale.ROOT);
        return "sip:" + publicHost + ":" + port(t) + ";transport=" + t.toLowerCase(Locale.ROOT) + ";lr;"
                + FlowToken.CALLEE + "=" + tokens.encode(client);
    }

    public int port(String transport) {
        Integer p = ports.get(transport.toUpperCase(Locale.ROOT));
        if (p == null) {
            throw new IllegalStateException("No " + transport + " listener on this edge");
        }
        return p;
    }
}
