package org.collabedge.sip.proxy;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.SipURI;
import javax.sip.header.FromHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.ServerTransactionExt;
import gov.nist.javax.sip.message.SIPRequest;
import org.collabedge.sip.SipMessages;
import org.collabedge.sip.SipMetrics;
import org.collabedge.sip.transport.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's listener: gives every request a server transaction, passes REGISTER to the registrar, in-dialog
 * requests along their route set, CANCEL to the pending branches, and initial requests to {@link InitialRequests}.
 */
public final class EdgeProxy implements SipListener {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeProxy.class);

    private final Supplier<SipProvider> provider;
    private final SipMessages sip;
    private final Supplier<EdgeAddresses> addresses;
    private final RequestForwarder forwarder;
    private final InitialRequests initial;
    private final Supplier<Flows> flows;
    private final SipMetrics metrics;
    private volatile TopologyHiding hiding;

    /** Which flows this node holds open. */
    public interface Flows {
        boolean closed(Flow flow);
    }

    public EdgeProxy(Supplier<SipProvider> provider, SipMessages sip, Supplier<EdgeAddresses> addresses,
                     RequestForwarder forwarder, InitialRequests initial, Supplier<Flows> flows, SipMetrics metrics) {
        this.metrics = metrics;
        this.provider = provider;
        this.sip = sip;
        this.addresses = addresses;
        this.forwarder = forwarder;
        this.initial = initial;
        this.flows = flows;
    }

    /** Hides internal hops from outside clients. */
    public void hideTopology(TopologyHiding hiding) {
        this.hiding = hiding;
        forwarder.hideTopology(hiding);
    }

    /**
     * Where an in-dialog request goes next, which node holds that flow, and which sides are outside clients.
     *
     * @param next       the flow to continue over; port 0: follow Route or Request-URI
     * @param node       the node holding {@code next} when another node of the cluster does, else null
     * @param fromInside the request came from call control or a static route's next hop
     * @param toClient   the next flow leads to an outside client (hide what is behind the edge)
     */
    private record DialogHop(Flow next, String node, boolean fromInside, boolean toClient) {
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        Flow from = sourceFlow(request);
        metrics.request(request.getMethod());
        if (forwarder.peers().fromPeer(from)) {
            fromPeer(event, request, from);
            return;
        }
        if (Request.ACK.equals(request.getMethod())) {
            routeInDialog(request, from).ifPresent(hop -> forwarder.forwardStateless(stripOwnRoutes(request),
                    hop.next().port() > 0 ? hop.next() : null, hop.node(), hop.toClient() && hop.fromInside()));
            return;
        }
        ServerTransaction st = serverTransaction(event);
        if (st == null) {
            return;
        }
        boolean dialog = !Request.CANCEL.equals(request.getMethod()) && inDialog(request);
        ProxyTransaction pt = new ProxyTransaction(st, Request.CANCEL.equals(request.getMethod()) || dialog
                ? request : stripOwnRoutes(request));
        st.setApplicationData(pt);
        try {
            if (Request.CANCEL.equals(request.getMethod())) {
                cancel(pt);
            } else if (dialog) {
                inDialog(pt, from);
            } else {
                initial.handle(pt, pt.request, from, InetAddress.getByName(from.host()), addresses.get(),
                        pathFlow(request), pathNode(request));
            }
        } catch (Exception e) {
            LOG.warn("SIP {} could not be handled: {}", request.getMethod(), e.toString());
            LOG.debug("Details", e);
            forwarder.respond(pt, sip.response(Response.SERVER_INTERNAL_ERROR, "Edge Error", request));
        }
    }

    private void inDialog(ProxyTransaction pt, Flow from) {
        Optional<DialogHop> next = routeInDialog(pt.request, from);
        if (next.isEmpty()) {
            forwarder.respond(pt, sip.response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST,
                    "No Dialog Through This Edge", pt.request));
            return;
        }
        Flow flow = next.get().next();
        String node = next.get().node();
        ProxyTransaction stripped = new ProxyTransaction(pt.server, stripOwnRoutes(pt.request));
        stripped.fromInside = next.get().fromInside();
        pt.server.setApplicationData(stripped);
        boolean closed = flow.port() > 0 && (node == null ? flows.get().closed(flow)
                : !forwarder.peers().running(node));
        Target target = new Target(null, flow.port() > 0 ? flow : null, closed, List.of(), next.get().toClient(),
                node);
        forwarder.forward(stripped, from, List.of(target), false);
    }

    /**
     * The flow an in-dialog request continues over: the other side's flow token from the edge's Record-Route
     * entry, or (flow with port 0) whatever Route or Request-URI says. Empty when the request does not route
     * through this edge. In a cluster the entry also names the node of each flow ({@link PeerRoutes}).
     */
    private Optional<DialogHop> routeInDialog(Request request, Flow from) {
        RouteHeader top = (RouteHeader) request.getHeader(RouteHeader.NAME);
        if (top == null || !isEdgeRoute(top)) {
            return Optional.empty();
        }
        SipURI uri = (SipURI) top.getAddress().getURI();
        String here = forwarder.peers().nodeId();
        String writer = PeerRoutes.node(uri, PeerRoutes.WRITER);
        String calleeNode = Optional.ofNullable(PeerRoutes.node(uri, PeerRoutes.CALLEE_NODE)).orElse(writer);
        TopologyHiding h = hiding;
        // Call control that started the dialog has its flow token sealed (hidden from the client, marked inside).
        Optional<String> sealed = h == null ? Optional.empty() : h.insideCaller(uri);
        boolean callerInside = sealed.isPresent();
        FlowToken tokens = addresses.get().tokens();
        Optional<Flow> caller = tokens.decode(sealed.orElse(uri.getParameter(FlowToken.CALLER)));
        Optional<Flow> callee = tokens.decode(uri.getParameter(FlowToken.CALLEE));
        // A flow token only names the sender when the node holding that flow is this one.
        boolean fromCaller = caller.isPresent() && caller.get().equals(from) && isHere(writer, here);
        boolean fromCallee = callee.isPresent() && callee.get().equals(from) && isHere(calleeNode, here);
        if (fromCaller && callee.isPresent()) {
            return Optional.of(hop(callee.get(), calleeNode, here, callerInside, true));
        }
        if (fromCallee && caller.isPresent()) {
            return Optional.of(hop(caller.get(), writer, here, false, !callerInside));
        }
        if (caller.isPresent() && !fromCaller && callee.isEmpty()) {
            // The far side (call control, a static route's next hop) answers back towards the calling client.
            return Optional.of(hop(caller.get(), writer, here, true, true));
        }
        boolean fromClient = fromCaller && !callerInside || fromCallee;
        return Optional.of(new DialogHop(new Flow(from.transport(), "", 0), null, !fromClient, false));
    }

    private static boolean isHere(String node, String here) {
        return node == null || here == null || node.equals(here);
    }

    private static DialogHop hop(Flow flow, String node, String here, boolean fromInside, boolean toClient) {
        return new DialogHop(flow, isHere(node, here) ? null : node, fromInside, toClient);
    }

    /**
     * A Route entry of this edge, or (in a cluster) one another running node wrote under a name of this edge: the
     * nodes share the public name, but tests and single-host clusters tell them apart by port.
     */
    private boolean isEdgeRoute(RouteHeader route) {
        EdgeAddresses edge = addresses.get();
        if (edge.isOwn(route)) {
            return true;
        }
        if (!(route.getAddress().getURI() instanceof SipURI uri)) {
            return false;
        }
        String writer = PeerRoutes.node(uri, PeerRoutes.WRITER);
        return writer != null && forwarder.peers().enabled()
                && edge.localHosts().contains(uri.getHost().toLowerCase(Locale.ROOT))
                && forwarder.peers().running(writer);
    }

    /**
     * A request another node hands over (it arrived over an authenticated peer connection): the top Route names the
     * flow of this node to send it on over. Nothing else from a peer is accepted.
     */
    private void fromPeer(RequestEvent event, Request request, Flow from) {
        Optional<Flow> flow = PeerRoutes.peerFlow(request, addresses.get().tokens());
        boolean cancel = Request.CANCEL.equals(request.getMethod());
        Request out = request;
        if (flow.isPresent()) {
            out = (Request) request.clone();
            out.removeFirst(RouteHeader.NAME);
        }
        if (Request.ACK.equals(request.getMethod())) {
            Request ack = out;
            flow.ifPresent(f -> forwarder.forwardStateless(ack, f));
            return;
        }
        ServerTransaction st = serverTransaction(event);
        if (st == null) {
            return;
        }
        ProxyTransaction pt = new ProxyTransaction(st, out);
        st.setApplicationData(pt);
        if (cancel) {
            cancel(pt);
        } else if (flow.isEmpty()) {
            forwarder.respond(pt, sip.response(Response.BAD_REQUEST, "Peer Request Without Flow", request));
        } else {
            Target target = new Target(null, flow.get(), flows.get().closed(flow.get()), List.of(), false);
            forwarder.forward(pt, from, List.of(target), false);
        }
    }

    /** The client flow of the edge's own Path entry on top of Route (callee token only), if that is what it is. */
    private Optional<Flow> pathFlow(Request request) {
        RouteHeader top = (RouteHeader) request.getHeader(RouteHeader.NAME);
        if (top == null || !isEdgeRoute(top) || !(top.getAddress().getURI() instanceof SipURI uri)
                || uri.getParameter(FlowToken.CALLER) != null) {
            return Optional.empty();
        }
        return addresses.get().tokens().decode(uri.getParameter(FlowToken.CALLEE));
    }

    /** The node named by the edge's own Path entry at the top of Route (cluster), or null. */
    private String pathNode(Request request) {
        RouteHeader top = (RouteHeader) request.getHeader(RouteHeader.NAME);
        return top != null && top.getAddress().getURI() instanceof SipURI uri
                ? PeerRoutes.node(uri, PeerRoutes.WRITER) : null;
    }

    private void cancel(ProxyTransaction cancelTx) {
        ServerTransaction invite = ((ServerTransactionExt) cancelTx.server).getCanceledInviteTransaction();
        if (invite == null || !(invite.getApplicationData() instanceof ProxyTransaction pt)) {
            forwarder.respond(cancelTx, sip.response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null,
                    cancelTx.request));
            return;
        }
        forwarder.respond(cancelTx, sip.response(Response.OK, null, cancelTx.request));
        forwarder.cancel(pt);
    }

    private ServerTransaction serverTransaction(RequestEvent event) {
        ServerTransaction st = event.getServerTransaction();
        if (st != null) {
            return st;
        }
        try {
            // The provider the request arrived on: a client listener's, or the node-to-node one.
            SipProvider source = event.getSource() instanceof SipProvider p ? p : provider.get();
            return source.getNewServerTransaction(event.getRequest());
        } catch (Exception e) {
            // A retransmission racing its original, or a request the stack cannot answer: nothing to do.
            LOG.debug("No server transaction for a SIP request", e);
            return null;
        }
    }

    private static boolean inDialog(Request request) {
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        return to != null && to.getTag() != null;
    }

    /**
     * Removes the Route entries naming this edge (one, or two after a double Record-Route) and puts back the internal
     * route entries that topology hiding sealed into them.
     */
    private Request stripOwnRoutes(Request request) {
        Request out = request;
        boolean copied = false;
        List<RouteHeader> own = new java.util.ArrayList<>();
        while (out.getHeader(RouteHeader.NAME) instanceof RouteHeader r && isEdgeRoute(r)) {
            if (!copied) {
                out = (Request) request.clone();
                copied = true;
            }
            own.add((RouteHeader) out.getHeader(RouteHeader.NAME));
            out.removeFirst(RouteHeader.NAME);
        }
        TopologyHiding h = hiding;
        if (h != null && !own.isEmpty()) {
            try {
                h.expand(out, h.hiddenRoutes(own));
            } catch (java.text.ParseException | javax.sip.SipException e) {
                LOG.debug("Hidden route entries could not be restored", e);
            }
        }
        return out;
    }

    /**
     * The flow a request arrived over: its transport and source address as the stack saw them. The transport is the
     * channel's where it recorded one (a WebSocket client may write WS in its Via), else the Via's.
     */
    static Flow sourceFlow(Request request) {
        SIPRequest r = (SIPRequest) request;
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        String transport = org.collabedge.sip.transport.ArrivalTransport.of(request)
                .orElseGet(() -> via.getTransport().toUpperCase(Locale.ROOT));
        InetAddress address = r.getRemoteAddress() != null ? r.getRemoteAddress() : r.getPeerPacketSourceAddress();
        int port = r.getRemotePort() > 0 ? r.getRemotePort() : r.getPeerPacketSourcePort();
        return new Flow(transport, address.getHostAddress(), port);
    }

    @Override
    public void processResponse(ResponseEvent event) {
        forwarder.onResponse(event.getClientTransaction(), event.getResponse());
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction()) {
            forwarder.onTimeout(event.getClientTransaction());
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.debug("SIP I/O error towards {}:{} over {}", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }
}
