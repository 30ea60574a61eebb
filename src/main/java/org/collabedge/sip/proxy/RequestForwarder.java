package org.collabedge.sip.proxy;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.function.Supplier;

import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.Header;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.collabedge.sip.SdpRewriter;
import org.collabedge.sip.SipMessages;
import org.collabedge.sip.transport.EdgeRouter;
import org.collabedge.sip.transport.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests on and responses back (RFC 3261 16.6 and 16.7): clones the request per branch, points it at the
 * target, decrements Max-Forwards, records the route, adds the edge's Via and sends it over the target's flow.
 * Requests towards a closed flow fail at once with 480 instead of waiting for a time-out.
 */
public final class RequestForwarder {

    private static final Logger LOG = LoggerFactory.getLogger(RequestForwarder.class);

    private final Supplier<SipProvider> provider;
    private final SipMessages sip;
    private final Supplier<EdgeAddresses> addresses;
    private final SdpRewriter sdp;
    private final CallEvents calls;
    private final ContactRewriter restorer;
    private final PeerLink peers;
    private final PeerRoutes peerRoutes;
    private volatile TopologyHiding hiding;

    /** What the forwarder tells the call log and the metrics. */
    public interface CallEvents {
        void answered(String callId, int status);

        void ended(String callId, int status, String reason);

        void responded(int status);
    }

    public RequestForwarder(Supplier<SipProvider> provider, SipMessages sip, Supplier<EdgeAddresses> addresses,
                            SdpRewriter sdp, CallEvents calls) {
        this(provider, sip, addresses, sdp, calls, PeerLink.NONE);
    }

    /** @param peers the other nodes of the cluster: targets held by one of them go there over the peer path */
    public RequestForwarder(Supplier<SipProvider> provider, SipMessages sip, Supplier<EdgeAddresses> addresses,
                            SdpRewriter sdp, CallEvents calls, PeerLink peers) {
        this.peers = peers;
        this.peerRoutes = new PeerRoutes(sip);
        this.provider = provider;
        this.sip = sip;
        this.addresses = addresses;
        this.sdp = sdp;
        this.calls = calls;
        this.restorer = new ContactRewriter(sip);
    }

    /** The cluster this forwarder hands requests to (a single node: {@link PeerLink#NONE}). */
    public PeerLink peers() {
        return peers;
    }

    /** Hides internal Via and Record-Route entries from outside clients. */
    public void hideTopology(TopologyHiding hiding) {
        this.hiding = hiding;
    }

    /** Whether a target's flow is held by another node that the peer path can reach. */
    private boolean remote(Target t) {
        return t.nodeId() != null && peers.enabled() && !t.nodeId().equals(peers.nodeId());
    }

    /** Forwards statefully to every target (forking); answers 480 at once when no target can be reached. */
    public void forward(ProxyTransaction pt, Flow from, List<Target> targets, boolean recordRoute) {
        pt.from = from;
        pt.recordRoute = recordRoute;
        int sent = 0;
        boolean unreachableNode = false;
        for (Target t : targets) {
            if (t.flowClosed()) {
                continue;
            }
            Flow hop = t.flow();
            if (remote(t)) {
                java.util.Optional<Flow> peer = peers.peerHop(t.nodeId());
                if (peer.isEmpty()) {
                    unreachableNode = true; // the node left: its flows are gone with it
                    continue;
                }
                hop = peer.get();
            }
            Flow sendOver = hop;
            boolean toPeer = remote(t);
            ClientTransaction ct = null;
            try {
                List<String> added = new java.util.ArrayList<>();
                Request out = prepare(pt, t, from, recordRoute, sendOver, added);
                ct = EdgeRouter.through(sendOver, () -> newClientTransaction(out, toPeer));
                ct.setApplicationData(new Branch(pt, sendOver, added));
                pt.add(ct);
                ct.sendRequest();
                sent++;
            } catch (RuntimeException | SipException | ParseException e) {
                LOG.debug("A SIP branch could not be sent", e);
                unreachableNode |= remote(t);
                if (ct != null) {
                    pt.notSent(ct);
                }
            }
        }
        if (sent == 0) {
            Target next = pt.takeFallbackBeforeSending();
            if (next != null) {
                forward(pt, from, List.of(next), recordRoute);
                return;
            }
            boolean closed = unreachableNode || targets.stream().anyMatch(Target::flowClosed);
            respond(pt, sip.response(closed ? 480 : 503, closed ? "Flow Closed" : "Next Hop Unreachable",
                    pt.request));
        }
    }

    /** Forwards without a transaction: ACKs for 2xx. */
    public void forwardStateless(Request request, Flow flow) {
        forwardStateless(request, flow, null, false);
    }

    /**
     * Forwards without a transaction over a flow that {@code nodeId} holds (null: this node).
     *
     * @param toClient true when the flow leads to an outside client: internal Vias and Record-Routes stay hidden
     */
    public void forwardStateless(Request request, Flow flow, String nodeId, boolean toClient) {
        try {
            Request out = (Request) request.clone();
            decrementMaxForwards(out);
            Flow hop = flow;
            boolean toPeer = flow != null && remote(new Target(null, flow, false, List.of(), false, nodeId));
            if (toPeer) {
                hop = peers.peerHop(nodeId).orElseThrow(() -> new SipException("Node " + nodeId + " is gone"));
                out.addFirst(peerRoutes.peerRoute(hop, flow, addresses.get().tokens()));
                out.addFirst(peerRoutes.via(addresses.get().publicHost(), peers.ownPeerPort(), out));
            } else {
                out.addFirst(addresses.get().via(transportTo(out, flow), out));
            }
            TopologyHiding h = hiding;
            if (toClient && h != null) {
                // Hidden here, on the node the request came in on: the owner only relays it from the peer path.
                h.hideRequest(out, 0);
            }
            Flow sendOver = hop;
            EdgeRouter.through(sendOver, () -> {
                try {
                    providerFor(toPeer).sendRequest(out);
                } catch (SipException e) {
                    LOG.debug("A stateless SIP request could not be sent", e);
                }
                return null;
            });
        } catch (SipException | ParseException | RuntimeException e) {
            LOG.debug("A stateless SIP request could not be forwarded", e);
        }
    }

    /** Sends a response on the server transaction, or statelessly when the transaction is gone. */
    public void respond(ProxyTransaction pt, Response response) {
        calls.responded(response.getStatusCode());
        if (response.getStatusCode() >= 200) {
            pt.finalAction().accept(response);
        }
        try {
            pt.server.sendResponse(response);
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            try {
                provider.get().sendResponse(response);
            } catch (SipException ex) {
                LOG.debug("A SIP response could not be sent", ex);
            }
        }
    }

    /** A response from downstream: strip our Via and pass it upstream according to the branch's transaction. */
    public void onResponse(ClientTransaction ct, Response in) {
        Response r = (Response) in.clone();
        String sealedVias = ((ViaHeader) r.getHeader(ViaHeader.NAME)).getParameter(TopologyHiding.VIAS);
        r.removeFirst(ViaHeader.NAME);
        Branch hidden = ct == null ? null : (Branch) ct.getApplicationData();
        TopologyHiding h = hiding;
        if (sealedVias != null && h != null) {
            try {
                h.restoreResponse(r, sealedVias, hidden);
            } catch (ParseException | SipException e) {
                LOG.debug("Hidden headers could not be restored", e);
            }
        }
        if (r.getHeader(ViaHeader.NAME) == null) {
            return;
        }
        String method = ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getMethod();
        if (Request.REGISTER.equals(method)) {
            // Internal call control answered a rewritten registration: the client sees its own contacts.
            restorer.restore(r, addresses.get().tokens());
        }
        rewriteSdp(r, callId(r), SdpRewriter.Direction.TOWARDS_CALLER);
        Branch branch = ct == null ? null : (Branch) ct.getApplicationData();
        if (branch == null) {
            if (!Request.CANCEL.equals(method)) {
                // A retransmitted 2xx after the INVITE transaction ended: forward it as it is.
                sendStateless(r);
            }
            return;
        }
        ProxyTransaction pt = branch.transaction();
        if (h != null && !pt.fromInside) {
            try {
                h.hideResponse(r, pt, branch.addedRecordRoutes().size());
            } catch (ParseException | SipException e) {
                LOG.debug("Record-Route could not be hidden", e);
            }
        }
        int code = r.getStatusCode();
        // Only the INVITE that starts a call answers or ends it in the call log; a re-INVITE's outcome does neither.
        boolean callInvite = Request.INVITE.equals(method) && !inDialog(pt.request);
        if (code < 200) {
            if (pt.cancelDue(ct)) {
                sendCancel(ct); // the caller cancelled before this branch had answered at all
            }
            if (code > 100 && !pt.finalSent()) {
                respond(pt, r);
            }
            return;
        }
        pt.branchEnded(ct);
        if (code < 300) {
            boolean first = !pt.finalSent();
            pt.markFinalSent();
            if (Request.INVITE.equals(method)) {
                if (first && callInvite) {
                    calls.answered(callId(r), code);
                }
                cancelAll(pt, pt.pendingBranches(ct));
                if (first) {
                    respond(pt, r);
                } else {
                    sendStateless(r);
                }
            } else if (first) {
                if (Request.BYE.equals(method)) {
                    calls.ended(callId(r), code, "BYE");
                }
                respond(pt, r);
            }
        } else {
            if ((code == 408 || code == 503) && retry(pt)) {
                return;
            }
            Response best = pt.branchFailed(r);
            if (code >= 600) {
                cancelAll(pt, pt.pendingBranches(ct));
            }
            if (best != null) {
                // The call log first, so whoever sees the response also sees the call ended.
                if (callInvite) {
                    calls.ended(callId(r), best.getStatusCode(), pt.cancelled() ? "CANCEL from caller"
                            : best.getStatusCode() + " " + best.getReasonPhrase());
                } else if (Request.BYE.equals(method)) {
                    calls.ended(callId(r), best.getStatusCode(), "BYE");
                }
                respond(pt, best);
            }
        }
    }

    /** A branch timed out: it counts as 408. */
    public void onTimeout(ClientTransaction ct) {
        if (ct != null && ct.getApplicationData() instanceof Branch branch) {
            ProxyTransaction pt = branch.transaction();
            if (retry(pt)) {
                return;
            }
            Response best = pt.branchFailed(sip.response(Response.REQUEST_TIMEOUT, null, pt.request));
            if (best != null) {
                respond(pt, best);
                if (Request.INVITE.equals(pt.request.getMethod()) && !inDialog(pt.request)) {
                    calls.ended(callId(pt.request), best.getStatusCode(), "no answer");
                }
            }
        }
    }

    /** Fails over to the next target (another internal server); false when there is none. */
    private boolean retry(ProxyTransaction pt) {
        if (pt.cancelled() || pt.finalSent()) {
            return false;
        }
        Target next = pt.takeFallback();
        if (next == null) {
            return false;
        }
        LOG.debug("SIP branch failed; trying {}", next.flow());
        forward(pt, pt.from, List.of(next), pt.recordRoute);
        return true;
    }

    /** CANCEL from the caller: cancel every pending branch; their 487s end the transaction. */
    public void cancel(ProxyTransaction pt) {
        cancelAll(pt, pt.cancel());
    }

    private void cancelAll(ProxyTransaction pt, List<ClientTransaction> branches) {
        pt.cancelNowOrOnProvisional(branches).forEach(this::sendCancel);
    }

    private void sendCancel(ClientTransaction b) {
        try {
            Request cancel = b.createCancel();
            Flow flow = ((Branch) b.getApplicationData()).flow();
            boolean toPeer = peers.enabled() && peers.isPeerHop(flow); // one directory read per CANCEL
            ClientTransaction ct = EdgeRouter.through(flow, () -> newClientTransaction(cancel, toPeer));
            ct.sendRequest();
        } catch (SipException | RuntimeException e) {
            LOG.debug("A CANCEL could not be sent", e);
        }
    }

    /**
     * @param hop   where the request goes: the target's flow, or another node's peer listener when it holds it
     * @param added receives the Record-Route entries the edge adds, top first (restored when the branch is hidden)
     */
    private Request prepare(ProxyTransaction pt, Target t, Flow from, boolean recordRoute, Flow hop,
                            List<String> added)
            throws ParseException, SipException {
        Request out = (Request) pt.request.clone();
        TopologyHiding h = hiding;
        if (t.requestUri() != null) {
            out.setRequestURI((URI) t.requestUri().clone());
        }
        decrementMaxForwards(out);
        List<String> path = t.path();
        for (int i = path.size() - 1; i >= 0; i--) {
            out.addFirst(sip.headers.createHeader(RouteHeader.NAME, path.get(i)));
        }
        String outTransport = transportTo(out, t.flow());
        EdgeAddresses edge = addresses.get();
        String calleeNode = remote(t) ? t.nodeId() : null;
        if (recordRoute) {
            Flow callee = t.clientSide() ? t.flow() : null;
            javax.sip.header.RecordRouteHeader first = edgeEntry(pt, from.transport(), from, callee, calleeNode);
            out.addFirst(first);
            added.add(value(first));
            if (!outTransport.equalsIgnoreCase(from.transport())) {
                // RFC 5658 double Record-Route: each side sees the edge on its own transport.
                javax.sip.header.RecordRouteHeader second = edgeEntry(pt, outTransport, from, callee, calleeNode);
                out.addFirst(second);
                added.add(0, value(second));
            }
        }
        if (calleeNode != null) {
            // The owner consumes this entry and sends the request on over the flow it names.
            out.addFirst(peerRoutes.peerRoute(hop, t.flow(), edge.tokens()));
            out.addFirst(peerRoutes.via(edge.publicHost(), peers.ownPeerPort(), out));
        } else {
            out.addFirst(edge.via(outTransport, out));
        }
        // From inside to an outside client: hide. Between two outside clients there is nothing internal to hide.
        // A client on another node: hidden here too, under the peer Via; the owner only relays it.
        if (h != null && t.clientSide() && pt.fromInside) {
            h.hideRequest(out, added.size());
        }
        rewriteSdp(out, callId(out), SdpRewriter.Direction.TOWARDS_CALLEE);
        return out;
    }

    private static String transportTo(Request out, Flow flow) throws SipException {
        if (flow != null) {
            return flow.transport();
        }
        RouteHeader route = (RouteHeader) out.getHeader(RouteHeader.NAME);
        URI target = route != null ? route.getAddress().getURI() : out.getRequestURI();
        if (!(target instanceof SipURI uri)) {
            throw new SipException("No SIP route for the request");
        }
        return EdgeRouter.hopOf(uri).getTransport();
    }

    private static void decrementMaxForwards(Request out) {
        MaxForwardsHeader mf = (MaxForwardsHeader) out.getHeader(MaxForwardsHeader.NAME);
        try {
            if (mf == null) {
                out.setHeader(new gov.nist.javax.sip.header.MaxForwards(70));
            } else {
                mf.decrementMaxForwards();
            }
        } catch (javax.sip.InvalidArgumentException | javax.sip.header.TooManyHopsException e) {
            throw new IllegalStateException("Max-Forwards exhausted after validation", e);
        }
    }

    private void rewriteSdp(Message m, String callId, SdpRewriter.Direction direction) {
        ContentTypeHeader ct = (ContentTypeHeader) m.getHeader(ContentTypeHeader.NAME);
        byte[] body = m.getRawContent();
        if (ct == null || body == null || !"application".equalsIgnoreCase(ct.getContentType())
                || !"sdp".equalsIgnoreCase(ct.getContentSubType())) {
            return;
        }
        String before = new String(body, StandardCharsets.UTF_8);
        String after = sdp.rewrite(callId, direction, before);
        if (!after.equals(before)) {
            try {
                m.setContent(after, ct);
            } catch (ParseException e) {
                LOG.debug("Rewritten SDP refused", e);
            }
        }
    }

    private void sendStateless(Response r) {
        try {
            provider.get().sendResponse(r);
        } catch (SipException e) {
            LOG.debug("A SIP response could not be forwarded", e);
        }
    }

    /**
     * The edge's Record-Route entry on one transport: both sides' flows and marks, the nodes, call control's flow
     * sealed when hidden, then one tag over all of it with the Call-ID ({@link DialogRouteSet}).
     */
    private javax.sip.header.RecordRouteHeader edgeEntry(ProxyTransaction pt, String transport, Flow from,
                                                         Flow callee, String calleeNode) throws ParseException {
        javax.sip.header.RecordRouteHeader rr =
                markNodes(addresses.get().recordRoute(transport, from, pt.fromInside, callee), calleeNode);
        TopologyHiding h = hiding;
        if (h != null && pt.fromInside) {
            h.sealCaller(rr);
        }
        addresses.get().tokens().routeSet().sign((SipURI) rr.getAddress().getURI(), callId(pt.request));
        return rr;
    }

    private javax.sip.header.RecordRouteHeader markNodes(javax.sip.header.RecordRouteHeader rr, String calleeNode)
            throws ParseException {
        if (peers.enabled()) {
            peerRoutes.mark(rr, peers.nodeId(), calleeNode);
        }
        return rr;
    }

    /** Requests to another node leave over this node's peer listener; everything else over the client listeners. */
    private SipProvider providerFor(boolean toPeer) {
        SipProvider peer = peers.provider();
        return toPeer && peer != null ? peer : provider.get();
    }

    private ClientTransaction newClientTransaction(Request out, boolean toPeer) {
        try {
            return providerFor(toPeer).getNewClientTransaction(out);
        } catch (SipException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static boolean inDialog(Request request) {
        javax.sip.header.ToHeader to = (javax.sip.header.ToHeader) request.getHeader(javax.sip.header.ToHeader.NAME);
        return to != null && to.getTag() != null;
    }

    private static String value(Header h) {
        String s = h.toString();
        return s.substring(s.indexOf(':') + 1).trim();
    }

    static String callId(Message m) {
        Header h = m.getHeader(CallIdHeader.NAME);
        return h == null ? "" : ((CallIdHeader) h).getCallId();
    }
}
