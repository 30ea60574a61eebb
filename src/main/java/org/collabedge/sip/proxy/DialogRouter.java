package org.collabedge.sip.proxy;

import java.util.ListIterator;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sip.address.SipURI;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;

import org.collabedge.sip.transport.Flow;

/**
 * Where an in-dialog request goes, from the edge's own entry at the top of its Route alone (no dialog state: any
 * node, after any restart, routes it the same). The entry's parameters are trusted only as the set the edge signed
 * for this Call-ID ({@link DialogRouteSet}); which side is inside is read from the entry's explicit mark, never
 * guessed from a missing flow token.
 */
final class DialogRouter {

    /**
     * Where an in-dialog request goes next, which node holds that flow, and which sides are outside clients.
     *
     * @param next       the flow to continue over; port 0: follow Route or Request-URI
     * @param node       the node holding {@code next} when another node of the cluster does, else null
     * @param fromInside the request came from call control or a static route's next hop
     * @param toClient   the next flow leads to an outside client (hide what is behind the edge)
     */
    record Hop(Flow next, String node, boolean fromInside, boolean toClient) {
    }

    /**
     * The outcome for one request: a hop; or, with no hop, a refusal reason (403), or neither when the request does
     * not route through this edge at all.
     *
     * @param violation the refusal counts as a protocol failure of the sender (a route set the edge did not sign
     *                  this way, or one past its lifetime)
     */
    record Decision(Hop hop, String refusal, boolean violation) {
        static final Decision NOT_THROUGH_EDGE = new Decision(null, null, false);

        static Decision refuse(String reason, boolean violation) {
            return new Decision(null, reason, violation);
        }
    }

    static final String FORGED = "Route Set Not Valid";
    static final String EXPIRED = "Dialog Route Expired";
    static final String NOT_A_PARTY = "Not From A Party Of This Dialog";

    private final Supplier<EdgeAddresses> addresses;
    private final PeerLink peers;
    private final Supplier<TopologyHiding> hiding;

    DialogRouter(Supplier<EdgeAddresses> addresses, PeerLink peers, Supplier<TopologyHiding> hiding) {
        this.addresses = addresses;
        this.peers = peers;
        this.hiding = hiding;
    }

    Decision route(Request request, Flow from) {
        RouteHeader top = (RouteHeader) request.getHeader(RouteHeader.NAME);
        if (top == null || !isEdgeRoute(top)) {
            return Decision.NOT_THROUGH_EDGE;
        }
        String refusal = checkOwnEntries(request);
        if (refusal != null) {
            return Decision.refuse(refusal, true);
        }
        SipURI uri = (SipURI) top.getAddress().getURI();
        String sides = uri.getParameter(DialogRouteSet.SIDES);
        if (sides == null || !sides.matches("[io]{2}")) {
            return Decision.refuse(FORGED, true); // signed, yet not as this version writes it
        }
        boolean callerInside = sides.charAt(0) == 'i';
        boolean calleeInside = sides.charAt(1) == 'i';
        String here = peers.nodeId();
        String writer = PeerRoutes.node(uri, PeerRoutes.WRITER);
        String calleeNode = Optional.ofNullable(PeerRoutes.node(uri, PeerRoutes.CALLEE_NODE)).orElse(writer);
        TopologyHiding h = hiding.get();
        // Call control's flow is sealed when topology hiding runs (the client must not learn its address).
        Optional<String> sealed = h == null ? Optional.empty() : h.insideCaller(uri);
        FlowToken tokens = addresses.get().tokens();
        Optional<Flow> caller = tokens.decode(sealed.orElse(uri.getParameter(FlowToken.CALLER)));
        Optional<Flow> callee = calleeInside ? Optional.empty() : tokens.decode(uri.getParameter(FlowToken.CALLEE));
        if (caller.isEmpty() || (!calleeInside && callee.isEmpty())) {
            return Decision.refuse(FORGED, true);
        }
        // A flow names the sender only on the node that holds it.
        boolean fromCaller = caller.get().equals(from) && isHere(writer, here);
        boolean fromCallee = callee.isPresent() && callee.get().equals(from) && isHere(calleeNode, here);
        if (fromCaller) {
            return calleeInside ? follow(from, callerInside) : hop(callee.get(), calleeNode, here, callerInside, true);
        }
        if (fromCallee) {
            return hop(caller.get(), writer, here, false, !callerInside);
        }
        if (callerInside != calleeInside) {
            // Neither flow: the inside side (another call control server or connection) towards the client.
            return callerInside ? hop(callee.get(), calleeNode, here, true, true)
                    : hop(caller.get(), writer, here, true, true);
        }
        if (callerInside) {
            return follow(from, true);
        }
        // Two clients, and the request comes over neither's flow: a reconnected party or a replay; no way to tell
        // which side it speaks for, so it goes nowhere.
        return Decision.refuse(NOT_A_PARTY, false);
    }

    /**
     * Every edge entry at the top of Route (two after a double Record-Route, RFC 5658) must be a set this edge
     * signed for this Call-ID, in its lifetime: all of them are consumed, and hidden routes come from any of them.
     * Null when they are; else the refusal reason.
     */
    private String checkOwnEntries(Request request) {
        DialogRouteSet sets = addresses.get().tokens().routeSet();
        String callId = RequestForwarder.callId(request);
        boolean expired = false;
        for (ListIterator<?> it = request.getHeaders(RouteHeader.NAME); it.hasNext(); ) {
            RouteHeader r = (RouteHeader) it.next();
            if (!isEdgeRoute(r)) {
                break;
            }
            if (!(r.getAddress().getURI() instanceof SipURI uri)) {
                return FORGED;
            }
            DialogRouteSet.Verdict v = sets.check(uri, callId);
            if (v == DialogRouteSet.Verdict.FORGED) {
                return FORGED;
            }
            expired |= v == DialogRouteSet.Verdict.EXPIRED;
        }
        return expired ? EXPIRED : null;
    }

    /**
     * A Route entry of this edge, or (in a cluster) one another running node wrote under a name of this edge: the
     * nodes share the public name, but tests and single-host clusters tell them apart by port.
     */
    boolean isEdgeRoute(RouteHeader route) {
        EdgeAddresses edge = addresses.get();
        if (edge.isOwn(route)) {
            return true;
        }
        if (!(route.getAddress().getURI() instanceof SipURI uri)) {
            return false;
        }
        String writer = PeerRoutes.node(uri, PeerRoutes.WRITER);
        return writer != null && peers.enabled()
                && edge.localHosts().contains(uri.getHost().toLowerCase(Locale.ROOT))
                && peers.running(writer);
    }

    private static boolean isHere(String node, String here) {
        return node == null || here == null || node.equals(here);
    }

    private static Decision hop(Flow flow, String node, String here, boolean fromInside, boolean toClient) {
        return new Decision(new Hop(flow, isHere(node, here) ? null : node, fromInside, toClient), null, false);
    }

    /** On along the rest of Route, or the Request-URI: the far side is inside. */
    private static Decision follow(Flow from, boolean fromInside) {
        return new Decision(new Hop(new Flow(from.transport(), "", 0), null, fromInside, false), null, false);
    }
}
