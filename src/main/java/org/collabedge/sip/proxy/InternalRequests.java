package org.collabedge.sip.proxy;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.collabedge.config.Domain;
import org.collabedge.sip.SipMessages;
import org.collabedge.sip.config.RegistrationMode;
import org.collabedge.sip.config.SipConfig;
import org.collabedge.sip.registrar.RelayedRegistrations;
import org.collabedge.sip.status.CallLog;
import org.collabedge.sip.transport.Flow;

/**
 * Requests of domains whose SIP lives on internal call control: REGISTERs go inside with the edge in Path or with
 * rewritten contacts, dialog-starting requests of remote clients go inside record-routed (to the next server when
 * one fails), and requests from call control reach the client's flow. Edge authentication only when the SIP
 * settings ask for it; otherwise the internal server's own challenges pass through.
 */
final class InternalRequests {

    private final SipMessages sip;
    private final Supplier<SipConfig> sipConfig;
    private final InternalCallControl internal;
    private final ContactRewriter rewriter;
    private final RelayedRegistrations relayed;
    private final RequestForwarder forwarder;
    private final EdgeProxy.Flows flows;
    private final Supplier<String> nodeId;
    private final CallLog calls;
    private final Challenges challenges;

    InternalRequests(SipMessages sip, Supplier<SipConfig> sipConfig, InternalCallControl internal,
                     RelayedRegistrations relayed, RequestForwarder forwarder, EdgeProxy.Flows flows,
                     Supplier<String> nodeId, CallLog calls, Challenges challenges) {
        this.sip = sip;
        this.sipConfig = sipConfig;
        this.internal = internal;
        this.rewriter = new ContactRewriter(sip);
        this.relayed = relayed;
        this.forwarder = forwarder;
        this.flows = flows;
        this.nodeId = nodeId;
        this.calls = calls;
        this.challenges = challenges;
    }

    /** REGISTER for a domain registered on internal call control: Path or Contact rewrite, then on inside. */
    void registerInside(ProxyTransaction pt, Request request, Flow from, InetAddress source, Domain domain,
                                EdgeAddresses edge) throws java.text.ParseException {
        if (sipConfig.get().settings().edgeAuthForInternal()
                && challenges.authenticate(pt, request, domain.name(), source, true).isEmpty()) {
            return;
        }
        List<Flow> servers = internal.ordered(domain);
        if (servers.isEmpty()) {
            forwarder.respond(pt, sip.response(Response.SERVICE_UNAVAILABLE, "No Call Control Server", pt.request));
            return;
        }
        Optional<Flow> server = Optional.of(servers.get(0));
        Request out = (Request) request.clone();
        String transport = server.get().transport();
        if (sipConfig.get().settings().registrationMode() == RegistrationMode.PATH) {
            PeerLink peers = forwarder.peers();
            // In a cluster the Path entry also names this node, which holds the client's flow.
            String node = peers.enabled() ? ";" + PeerRoutes.WRITER + "=" + PeerRoutes.encode(peers.nodeId()) : "";
            sip.add(out, "Path", "<" + edge.pathUri(transport, from) + node + ">");
            sip.add(out, "Supported", "path");
        } else {
            rewriter.rewrite(out, from, edge.publicHost(), edge.port(transport), transport, edge.tokens());
        }
        ProxyTransaction inside = new ProxyTransaction(pt.server, out);
        String aor = ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI().toString();
        String userAgent = SipMessages.values(request, "User-Agent").stream().findFirst().orElse("");
        inside.onFinal(r -> {
            if (r.getStatusCode() / 100 == 2) {
                relayed.granted(aor, from, nodeId.get(), userAgent, r);
            }
        });
        // Fail-over keeps the first server's transport in Path/Contact: servers of one deployment share it in practice.
        inside.fallbacks(NextHops.fallbacks(servers));
        forwarder.forward(inside, from, List.of(new Target(null, server.get(), false, List.of(), false)), false);
    }

    /** A dialog-starting request of a client in an internal-call-control domain goes inside, record-routed. */
    void toInternal(ProxyTransaction pt, Request request, Flow from, InetAddress source, Domain domain) {
        if (sipConfig.get().settings().edgeAuthForInternal()
                && challenges.authenticate(pt, request, domain.name(), source, false).isEmpty()) {
            return;
        }
        List<Flow> servers = internal.ordered(domain);
        if (servers.isEmpty()) {
            forwarder.respond(pt, sip.response(Response.SERVICE_UNAVAILABLE, "No Call Control Server", pt.request));
            return;
        }
        if (Request.INVITE.equals(request.getMethod())) {
            forwarder.respond(pt, sip.response(Response.TRYING, null, request));
            calls.started(RequestForwarder.callId(request), addressOf(request, FromHeader.NAME),
                    addressOf(request, ToHeader.NAME), "internal call control " + servers.get(0).host());
        }
        pt.fallbacks(NextHops.fallbacks(servers));
        forwarder.forward(pt, from, List.of(new Target(null, servers.get(0), false, List.of(), false)), true);
    }

    /** Internal call control reaching a client through the edge (Path entry or rewritten contact). */
    boolean towardsClient(ProxyTransaction pt, SipURI target, Flow from, Optional<Flow> pathFlow,
                          EdgeAddresses edge) {
        return towardsClient(pt, target, from, pathFlow, null, edge);
    }

    /**
     * @param pathNode the node the edge's Path entry names (it holds the client's flow), or null: this node, or for
     *                 a rewritten contact the node that relayed the registration
     */
    boolean towardsClient(ProxyTransaction pt, SipURI target, Flow from, Optional<Flow> pathFlow, String pathNode,
                          EdgeAddresses edge) {
        Optional<ContactRewriter.Decoded> rewritten = ContactRewriter.decode(target, edge.tokens());
        Optional<Flow> client = pathFlow.isPresent() ? pathFlow : rewritten.map(ContactRewriter.Decoded::flow);
        if (client.isEmpty() && ContactRewriter.looksRewritten(target)
                && edge.localHosts().contains(target.getHost().toLowerCase(java.util.Locale.ROOT))) {
            // An edge contact whose signed flow does not hold: forged, edited, or from before signing; never guessed.
            forwarder.respond(pt, sip.response(Response.NOT_FOUND, "Unknown Edge Contact", pt.request));
            return true;
        }
        if (client.isEmpty()) {
            return false;
        }
        URI requestUri = rewritten.map(d -> parse(sip, d.contact())).orElse(null);
        String owner = pathFlow.isPresent() ? pathNode : relayedBy(client.get());
        PeerLink peers = forwarder.peers();
        if (owner != null && (!peers.enabled() || owner.equals(peers.nodeId()))) {
            owner = null;
        }
        boolean closed = owner == null ? flows.closed(client.get()) : !peers.running(owner);
        if (Request.INVITE.equals(pt.request.getMethod())) {
            forwarder.respond(pt, sip.response(Response.TRYING, null, pt.request));
            calls.started(RequestForwarder.callId(pt.request), addressOf(pt.request, FromHeader.NAME),
                    addressOf(pt.request, ToHeader.NAME), "internal call control " + from.host());
        }
        boolean dialogForming = !Request.REGISTER.equals(pt.request.getMethod());
        pt.fromInside = true;
        forwarder.forward(pt, from, List.of(new Target(requestUri, client.get(), closed, List.of(), true, owner)),
                dialogForming);
        return true;
    }

    /** In a cluster, the other node that relayed a registration over {@code flow} when this node does not hold it. */
    private String relayedBy(Flow flow) {
        PeerLink peers = forwarder.peers();
        if (!peers.enabled() || (flow.reliable() && !flows.closed(flow))) {
            return null;
        }
        return relayed.all().stream().filter(r -> r.flow().equals(flow) && !r.nodeId().equals(nodeId.get()))
                .map(RelayedRegistrations.Relayed::nodeId).findFirst().orElse(null);
    }

    static URI parse(SipMessages sip, String uri) {
        try {
            return sip.addresses.createURI(uri);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("A stored contact does not parse", e);
        }
    }

    static String addressOf(Request request, String header) {
        javax.sip.header.HeaderAddress h = (javax.sip.header.HeaderAddress) request.getHeader(header);
        return h == null ? "" : h.getAddress().getURI().toString();
    }
}
