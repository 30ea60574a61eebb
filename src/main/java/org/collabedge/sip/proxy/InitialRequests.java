package org.collabedge.sip.proxy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.collabedge.config.Domain;
import org.collabedge.config.EdgeConfig;
import org.collabedge.sip.SipMessages;
import org.collabedge.sip.SipMetrics;
import org.collabedge.sip.auth.EdgeAuthenticator;
import org.collabedge.sip.config.SipConfig;
import org.collabedge.sip.config.StaticRoute;
import org.collabedge.sip.registrar.Binding;
import org.collabedge.sip.registrar.LocationStore;
import org.collabedge.sip.registrar.Registrar;
import org.collabedge.sip.registrar.RelayedRegistrations;
import org.collabedge.sip.status.CallLog;
import org.collabedge.sip.transport.Flow;

/**
 * Requests that start something: REGISTER for an edge-owned domain goes to the registrar after digest or bearer
 * authentication (401); other requests from outside clients are authenticated (407) as the From user of an
 * edge-owned domain, then routed by static route, or to every registered contact of the callee (forking, with
 * Record-Route). OPTIONS to the edge itself is answered here (clients use it as a ping).
 */
public final class InitialRequests {

    private static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, UPDATE, PRACK, SUBSCRIBE, NOTIFY, "
            + "MESSAGE, REFER, INFO, REGISTER";

    private final SipMessages sip;
    private final Supplier<EdgeConfig> config;
    private final Supplier<SipConfig> sipConfig;
    private final Registrar registrar;
    private final LocationStore location;
    private final RequestForwarder forwarder;
    private final EdgeProxy.Flows flows;
    private final Supplier<String> nodeId;
    private final CallLog calls;
    private final SipMetrics metrics;
    private final InternalCallControl internal;
    private final Challenges challenges;
    private final InternalRequests inside;

    public InitialRequests(SipMessages sip, Supplier<EdgeConfig> config, Supplier<SipConfig> sipConfig,
                           EdgeAuthenticator auth, Registrar registrar, LocationStore location,
                           RequestForwarder forwarder, EdgeProxy.Flows flows, Supplier<String> nodeId, CallLog calls,
                           SipMetrics metrics, InternalCallControl internal, RelayedRegistrations relayed) {
        this.internal = internal;
        this.sip = sip;
        this.config = config;
        this.sipConfig = sipConfig;
        this.registrar = registrar;
        this.location = location;
        this.forwarder = forwarder;
        this.flows = flows;
        this.nodeId = nodeId;
        this.calls = calls;
        this.metrics = metrics;
        this.challenges = new Challenges(auth, sip, forwarder, metrics);
        this.inside = new InternalRequests(sip, sipConfig, internal, relayed, forwarder, flows, nodeId, calls,
                challenges);
    }

    /**
     * @param pathFlow the client flow named by the edge's own Path entry at the top of Route, when internal call
     *                 control sends a request to a client registered through the edge in Path mode
     */
    void handle(ProxyTransaction pt, Request request, Flow from, InetAddress source, EdgeAddresses edge,
                Optional<Flow> pathFlow) throws java.text.ParseException {
        handle(pt, request, from, source, edge, pathFlow, null);
    }

    /** @param pathNode in a cluster, the node the edge's Path entry names (it holds the client's flow) */
    void handle(ProxyTransaction pt, Request request, Flow from, InetAddress source, EdgeAddresses edge,
                Optional<Flow> pathFlow, String pathNode) throws java.text.ParseException {
        if (!(request.getRequestURI() instanceof SipURI target)) {
            respond(pt, 416, "Unsupported URI Scheme");
            return;
        }
        if (internal.isInternal(from) && inside.towardsClient(pt, target, from, pathFlow, pathNode, edge)) {
            return;
        }
        if (Request.REGISTER.equals(request.getMethod())) {
            register(pt, request, from, source, edge);
            return;
        }
        if (Request.OPTIONS.equals(request.getMethod()) && edge.isSelf(target)) {
            Response ok = sip.response(Response.OK, null, request);
            for (String method : ALLOW.split(", ")) {
                sip.add(ok, "Allow", method);
            }
            forwarder.respond(pt, ok);
            return;
        }
        SipURI fromUri = sipUri(((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI());
        Optional<Domain> inside = fromUri == null ? Optional.empty() : internalDomain(fromUri.getHost());
        if (inside.isPresent()) {
            this.inside.toInternal(pt, request, from, source, inside.get());
            return;
        }
        Optional<Domain> callerDomain = fromUri == null ? Optional.empty() : edgeDomain(fromUri.getHost());
        if (callerDomain.isEmpty()) {
            respond(pt, Response.FORBIDDEN, "Caller Domain Not Served By This Edge");
            return;
        }
        Optional<String> user = challenges.authenticate(pt, request, callerDomain.get().name(), source, false);
        if (user.isEmpty()) {
            return;
        }
        if (!user.get().equalsIgnoreCase(fromUri.getUser())) {
            metrics.failure("authentication");
            respond(pt, Response.FORBIDDEN, "From Does Not Match The Authenticated User");
            return;
        }
        if (Request.INVITE.equals(request.getMethod())) {
            forwarder.respond(pt, sip.response(Response.TRYING, null, request));
        }
        route(pt, request, target, from);
    }

    private void route(ProxyTransaction pt, Request request, SipURI target, Flow from) {
        String domain = target.getHost().toLowerCase(Locale.ROOT);
        Optional<StaticRoute> route = StaticRoutes.match(sipConfig.get().routes(), target.getUser(), domain);
        List<Target> targets = new ArrayList<>();
        String label;
        if (route.isPresent()) {
            StaticRoute r = route.get();
            List<Flow> hops = internal.hops().resolve(r.nextHopHost(), r.nextHopPort(), r.transport().name());
            targets.add(new Target(null, hops.get(0), false, List.of(), false));
            pt.fallbacks(NextHops.fallbacks(hops));
            label = "static route " + r.pattern();
        } else if (edgeDomain(domain).isPresent()) {
            PeerLink peers = forwarder.peers();
            for (Binding b : location.lookup(LocationStore.aor(target.getUser(), domain))) {
                boolean here = b.nodeId().equals(nodeId.get());
                // A binding of a node that left the directory (crash) is as good as a closed flow: 480 at once.
                boolean closed = b.flowClosed() || (here ? flows.closed(b.flow()) : !peers.running(b.nodeId()));
                targets.add(new Target(InternalRequests.parse(sip, b.contact()), b.flow(), closed, b.path(), true,
                        here ? null : b.nodeId()));
            }
            if (targets.isEmpty()) {
                respond(pt, Response.TEMPORARILY_UNAVAILABLE, "Not Registered");
                return;
            }
            label = "edge registrar";
        } else if (internalDomain(domain).isPresent() && !internal.ordered(internalDomain(domain).get()).isEmpty()) {
            List<Flow> servers = internal.ordered(internalDomain(domain).get());
            targets.add(new Target(null, servers.get(0), false, List.of(), false));
            pt.fallbacks(NextHops.fallbacks(servers));
            label = "internal call control " + servers.get(0).host();
        } else {
            respond(pt, Response.FORBIDDEN, "No Route To Domain");
            return;
        }
        if (Request.INVITE.equals(request.getMethod())) {
            calls.started(RequestForwarder.callId(request), InternalRequests.addressOf(request, FromHeader.NAME),
                    InternalRequests.addressOf(request, ToHeader.NAME), label);
        }
        forwarder.forward(pt, from, targets, true);
    }

    private void register(ProxyTransaction pt, Request request, Flow from, InetAddress source, EdgeAddresses edge)
            throws java.text.ParseException {
        SipURI to = sipUri(((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI());
        Optional<Domain> inside = to == null ? Optional.empty() : internalDomain(to.getHost());
        if (inside.isPresent()) {
            this.inside.registerInside(pt, request, from, source, inside.get(), edge);
            return;
        }
        Optional<Domain> domain = to == null ? Optional.empty() : edgeDomain(to.getHost());
        if (domain.isEmpty()) {
            respond(pt, Response.FORBIDDEN, "Domain Not Registered On This Edge");
            return;
        }
        Optional<String> user = challenges.authenticate(pt, request, domain.get().name(), source, true);
        if (user.isEmpty()) {
            return;
        }
        if (!user.get().equalsIgnoreCase(to.getUser())) {
            metrics.failure("authentication");
            respond(pt, Response.FORBIDDEN, "To Does Not Match The Authenticated User");
            return;
        }
        forwarder.respond(pt, registrar.register(request, to.getUser(), domain.get().name(), from));
    }

    private Optional<Domain> internalDomain(String host) {
        return config.get().domain(host).filter(d -> !d.sipOnEdge() && d.effectiveSipOnInternal());
    }

    private Optional<Domain> edgeDomain(String host) {
        return config.get().domain(host).filter(Domain::sipOnEdge);
    }

    private void respond(ProxyTransaction pt, int status, String reason) {
        forwarder.respond(pt, sip.response(status, reason, pt.request));
    }

    private static SipURI sipUri(URI uri) {
        return uri instanceof SipURI s ? s : null;
    }
}
