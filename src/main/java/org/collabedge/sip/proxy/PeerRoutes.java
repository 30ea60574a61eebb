package org.collabedge.sip.proxy;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import javax.sip.InvalidArgumentException;
import javax.sip.address.SipURI;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

import org.collabedge.sip.SipMessages;
import org.collabedge.sip.transport.Flow;
import org.collabedge.sip.validation.LoopHash;
import org.collabedge.sip.validation.RequestValidator;

/**
 * How nodes name each other in messages. The edge's Record-Route says which node holds each side's flow
 * ({@value #WRITER}: the node that record-routed, holding the caller's flow; {@value #CALLEE_NODE}: the callee's
 * node when another one holds it), so any node that receives an in-dialog request finds the right one. A request
 * handed to another node carries one Route entry naming that node's peer listener with the flow to use
 * ({@value #FLOW}), which the owner consumes. The node marks are part of the Record-Route entry's signed set
 * ({@link DialogRouteSet}): a party that edits or drops one gets its request refused.
 */
public final class PeerRoutes {

    public static final String WRITER = "ce-n";
    public static final String CALLEE_NODE = "ce-bn";
    public static final String FLOW = "ce-f";

    private final SipMessages sip;

    public PeerRoutes(SipMessages sip) {
        this.sip = sip;
    }

    /** Adds the node parameters to a Record-Route entry this node writes. */
    void mark(RecordRouteHeader rr, String here, String calleeNode) throws ParseException {
        SipURI uri = (SipURI) rr.getAddress().getURI();
        uri.setParameter(WRITER, encode(here));
        if (calleeNode != null && !calleeNode.equals(here)) {
            uri.setParameter(CALLEE_NODE, encode(calleeNode));
        }
    }

    /** The Route entry that hands a request to the node listening at {@code hop}, to go out over {@code flow}. */
    RouteHeader peerRoute(Flow hop, Flow flow, FlowToken tokens) throws ParseException {
        SipURI uri = sip.addresses.createSipURI(null, hop.host());
        uri.setPort(hop.port());
        uri.setTransportParam(hop.transport().toLowerCase(Locale.ROOT));
        uri.setLrParam();
        uri.setParameter(FLOW, tokens.encode(flow));
        return sip.headers.createRouteHeader(sip.addresses.createAddress(uri));
    }

    /** The flow a peer route names, if the top Route is one. */
    static Optional<Flow> peerFlow(Request request, FlowToken tokens) {
        if (!(request.getHeader(RouteHeader.NAME) instanceof RouteHeader top)
                || !(top.getAddress().getURI() instanceof SipURI uri)) {
            return Optional.empty();
        }
        return tokens.decode(uri.getParameter(FLOW));
    }

    /**
     * The Via of a request sent to another node: the public name (no internal address travels on to clients) with
     * this node's peer port, which no node's client listener uses, so the owner does not take it for its own loop.
     */
    ViaHeader via(String publicHost, int peerPort, Request out) {
        try {
            ViaHeader via = sip.headers.createViaHeader(publicHost, peerPort, "TLS", RequestValidator.EDGE_BRANCH
                    + LoopHash.of(out) + "-" + UUID.randomUUID().toString().replace("-", ""));
            via.setRPort();
            return via;
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException("Cannot write the peer Via", e);
        }
    }

    /** A node id from a route parameter, or null. */
    static String node(SipURI uri, String param) {
        String value = uri.getParameter(param);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String encode(String nodeId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(nodeId.getBytes(StandardCharsets.UTF_8));
    }
}
