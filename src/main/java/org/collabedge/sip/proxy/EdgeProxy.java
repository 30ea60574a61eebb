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
import org.collabedge.protection.FailureCategory;
import org.collabedge.protection.SecurityEvents;
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
    private final SecurityEvents events;
    private final DialogRouter dialogs;
    private volatile TopologyHiding hiding;

    /** Which flows this node holds open. */
    public interface Flows {
        boolean closed(Flow flow);
    }

    public EdgeProxy(Supplier<SipProvider> provider, SipMessages sip, Supplier<EdgeAddresses> addresses,
                     RequestForwarder forwarder, InitialRequests initial, Supplier<Flows> flows, SipMetrics metrics,
                     SecurityEvents events) {
        this.metrics = metrics;
        this.events = events;
        this.dialogs = new DialogRouter(addresses, forwarder.peers(), () -> hiding);
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
            DialogRouter.Decision d = dialogs.route(request, from);
            if (d.hop() != null) {
                DialogRouter.Hop hop = d.hop();
                forwarder.forwardStateless(stripOwnRoutes(request, !hop.toClient()),
                        hop.next().port() > 0 ? hop.next() : null,
                        hop.node(), hop.toClient() && hop.fromInside());
            } else if (d.violation()) {
                violation(request, from, d.refusal()); // an ACK gets no answer, but counts
            }
            return;
        }
        ServerTransaction st = serverTransaction(event);
        if (st == null) {
            return;
        }
        boolean dialog = !Request.CANCEL.equals(request.getMethod()) && inDialog(request);
        ProxyTransaction pt = new ProxyTransaction(st, Request.CANCEL.equals(request.getMethod()) || dialog
                ? request : stripOwnRoutes(request, true));
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
        DialogRouter.Decision decision = dialogs.route(pt.request, from);
        if (decision.hop() == null && decision.refusal() != null) {
            if (decision.violation()) {
                violation(pt.request, from, decision.refusal());
            }
            // RFC 3261 16.3/16.4 leave a proxy free to refuse; 403: understood, and not allowed through this edge.
            forwarder.respond(pt, sip.response(Response.FORBIDDEN, decision.refusal(), pt.request));
            return;
        }
        if (decision.hop() == null) {
            forwarder.respond(pt, sip.response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST,
                    "No Dialog Through This Edge", pt.request));
            return;
        }
        DialogRouter.Hop next = decision.hop();
        Flow flow = next.next();
        String node = next.node();
        ProxyTransaction stripped =
                new ProxyTransaction(pt.server, stripOwnRoutes(pt.request, !next.toClient()));
        stripped.fromInside = next.fromInside();
        pt.server.setApplicationData(stripped);
        boolean closed = flow.port() > 0 && (node == null ? flows.get().closed(flow)
                : !forwarder.peers().running(node));
        Target target = new Target(null, flow.port() > 0 ? flow : null, closed, List.of(), next.toClient(), node);
        forwarder.forward(stripped, from, List.of(target), false);
    }

    /**
     * An in-dialog request whose Route the edge did not sign this way (or whose lifetime is over): a protocol
     * failure of the sender, counted where intrusion protection counts malformed messages.
     */
    private void violation(Request request, Flow from, String reason) {
        metrics.failure("protocol");
        LOG.debug("SIP {} from {} refused: {}", request.getMethod(), from.host(), reason);
        try {
            events.failure(FailureCategory.SIP_PROTOCOL, InetAddress.getByName(from.host()), null);
        } catch (java.net.UnknownHostException e) {
            LOG.debug("No address to count a refused route against", e);
        }
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
        if (top == null || !dialogs.isEdgeRoute(top) || !(top.getAddress().getURI() instanceof SipURI uri)
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
     * Removes the Route entries naming this edge (one, or two after a double Record-Route) and, for a request going
     * inside, puts back the internal route entries that topology hiding sealed into them. A request going to a client
     * never gets them: they are the inside hops of the client's own route set, and a client replaying that route set
     * over another connection (routed back to it as if from inside) would otherwise read them in clear.
     */
    private Request stripOwnRoutes(Request request, boolean expandHidden) {
        Request out = request;
        boolean copied = false;
        List<RouteHeader> own = new java.util.ArrayList<>();
        while (out.getHeader(RouteHeader.NAME) instanceof RouteHeader r && dialogs.isEdgeRoute(r)) {
            if (!copied) {
                out = (Request) request.clone();
                copied = true;
            }
            own.add((RouteHeader) out.getHeader(RouteHeader.NAME));
            out.removeFirst(RouteHeader.NAME);
        }
        TopologyHiding h = hiding;
        if (h != null && expandHidden && !own.isEmpty()) {
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
