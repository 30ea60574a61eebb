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
     * Where an in-dialog request goes next and which sides are outside clients.
     *
     * @param next       the flow to continue over; port 0: follow Route or Request-URI
     * @param fromInside the request came from call control or a static route's next hop
     * @param toClient   the next flow leads to an outside client (hide what is behind the edge)
     */
    private record DialogHop(Flow next, boolean fromInside, boolean toClient) {
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        Flow from = sourceFlow(request);
        metrics.request(request.getMethod());
        if (Request.ACK.equals(request.getMethod())) {
            routeInDialog(request, from).ifPresent(hop -> forwarder.forwardStateless(stripOwnRoutes(request),
                    hop.next().port() > 0 ? hop.next() : null, hop.toClient() && hop.fromInside()));
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
                        pathFlow(request));
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
        ProxyTransaction stripped = new ProxyTransaction(pt.server, stripOwnRoutes(pt.request));
        stripped.fromInside = next.get().fromInside();
        pt.server.setApplicationData(stripped);
        boolean closed = flow.port() > 0 && flows.get().closed(flow);
        Target target = new Target(null, flow.port() > 0 ? flow : null, closed, List.of(), next.get().toClient());
        forwarder.forward(stripped, from, List.of(target), false);
    }

    /**
     * The flow an in-dialog request continues over: the other side's flow token from the edge's Record-Route
     * entry, or (flow with port 0) whatever Route or Request-URI says. Empty when the request does not route
     * through this edge.
     */
    private Optional<DialogHop> routeInDialog(Request request, Flow from) {
        RouteHeader top = (RouteHeader) request.getHeader(RouteHeader.NAME);
        if (top == null || !addresses.get().isOwn(top)) {
            return Optional.empty();
        }
        SipURI uri = (SipURI) top.getAddress().getURI();
        TopologyHiding h = hiding;
        // Call control that started the dialog has its flow token sealed (hidden from the client, marked inside).
        Optional<String> sealed = h == null ? Optional.empty() : h.insideCaller(uri);
        boolean callerInside = sealed.isPresent();
        Optional<Flow> caller = FlowToken.decode(sealed.orElse(uri.getParameter(FlowToken.CALLER)));
        Optional<Flow> callee = FlowToken.decode(uri.getParameter(FlowToken.CALLEE));
        if (caller.isPresent() && caller.get().equals(from) && callee.isPresent()) {
            return Optional.of(new DialogHop(callee.get(), callerInside, true));
        }
        if (callee.isPresent() && callee.get().equals(from) && caller.isPresent()) {
            return Optional.of(new DialogHop(caller.get(), false, !callerInside));
        }
        if (caller.isPresent() && !caller.get().equals(from) && callee.isEmpty()) {
            // The far side (call control, a static route's next hop) answers back towards the calling client.
            return Optional.of(new DialogHop(caller.get(), true, true));
        }
        boolean fromClient = caller.isPresent() && caller.get().equals(from) && !callerInside
                || callee.isPresent() && callee.get().equals(from);
        return Optional.of(new DialogHop(new Flow(from.transport(), "", 0), !fromClient, false));
    }

    /** The client flow of the edge's own Path entry on top of Route (callee token only), if that is what it is. */
    private Optional<Flow> pathFlow(Request request) {
        RouteHeader top = (RouteHeader) request.getHeader(RouteHeader.NAME);
        if (top == null || !addresses.get().isOwn(top) || !(top.getAddress().getURI() instanceof SipURI uri)
                || uri.getParameter(FlowToken.CALLER) != null) {
            return Optional.empty();
        }
        return FlowToken.decode(uri.getParameter(FlowToken.CALLEE));
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
            return provider.get().getNewServerTransaction(event.getRequest());
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
        while (out.getHeader(RouteHeader.NAME) instanceof RouteHeader r && addresses.get().isOwn(r)) {
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

    /** The flow a request arrived over: its transport and source address as the stack saw them. */
    static Flow sourceFlow(Request request) {
        SIPRequest r = (SIPRequest) request;
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        String transport = via.getTransport().toUpperCase(Locale.ROOT);
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
