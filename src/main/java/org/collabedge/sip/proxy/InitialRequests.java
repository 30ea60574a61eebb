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
import org.collabedge.sip.auth.AuthResult;
import org.collabedge.sip.auth.EdgeAuthenticator;
import org.collabedge.sip.config.SipConfig;
import org.collabedge.sip.config.StaticRoute;
import org.collabedge.sip.registrar.Binding;
import org.collabedge.sip.registrar.LocationStore;
import org.collabedge.sip.registrar.Registrar;
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
    private final EdgeAuthenticator auth;
    private final Registrar registrar;
    private final LocationStore location;
    private final RequestForwarder forwarder;
    private final EdgeProxy.Flows flows;
    private final Supplier<String> nodeId;
    private final CallLog calls;
    private final SipMetrics metrics;

    public InitialRequests(SipMessages sip, Supplier<EdgeConfig> config, Supplier<SipConfig> sipConfig,
                           EdgeAuthenticator auth, Registrar registrar, LocationStore location,
                           RequestForwarder forwarder, EdgeProxy.Flows flows, Supplier<String> nodeId, CallLog calls,
                           SipMetrics metrics) {
        this.sip = sip;
        this.config = config;
        this.sipConfig = sipConfig;
        this.auth = auth;
        this.registrar = registrar;
        this.location = location;
        this.forwarder = forwarder;
        this.flows = flows;
        this.nodeId = nodeId;
        this.calls = calls;
        this.metrics = metrics;
    }

    void handle(ProxyTransaction pt, Request request, Flow from, InetAddress source, EdgeAddresses edge) {
        if (!(request.getRequestURI() instanceof SipURI target)) {
            respond(pt, 416, "Unsupported URI Scheme");
            return;
        }
        if (Request.REGISTER.equals(request.getMethod())) {
            register(pt, request, from, source);
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
        Optional<Domain> callerDomain = fromUri == null ? Optional.empty() : edgeDomain(fromUri.getHost());
        if (callerDomain.isEmpty()) {
            respond(pt, Response.FORBIDDEN, "Caller Domain Not Served By This Edge");
            return;
        }
        Optional<String> user = authenticate(pt, request, callerDomain.get().name(), source, false);
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
            targets.add(new Target(null, new Flow(r.transport().name(), r.nextHopHost(), r.nextHopPort()), false,
                    List.of(), false));
            label = "static route " + r.pattern();
        } else if (edgeDomain(domain).isPresent()) {
            for (Binding b : location.lookup(LocationStore.aor(target.getUser(), domain))) {
                boolean closed = b.flowClosed() || (b.nodeId().equals(nodeId.get()) && flows.closed(b.flow()));
                targets.add(new Target(parse(b.contact()), b.flow(), closed, b.path(), true));
            }
            if (targets.isEmpty()) {
                respond(pt, Response.TEMPORARILY_UNAVAILABLE, "Not Registered");
                return;
            }
            label = "edge registrar";
        } else {
            respond(pt, Response.FORBIDDEN, "No Route To Domain");
            return;
        }
        if (Request.INVITE.equals(request.getMethod())) {
            calls.started(RequestForwarder.callId(request), addressOf(request, FromHeader.NAME),
                    addressOf(request, ToHeader.NAME), label);
        }
        forwarder.forward(pt, from, targets, true);
    }

    private void register(ProxyTransaction pt, Request request, Flow from, InetAddress source) {
        SipURI to = sipUri(((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI());
        Optional<Domain> domain = to == null ? Optional.empty() : edgeDomain(to.getHost());
        if (domain.isEmpty()) {
            respond(pt, Response.FORBIDDEN, "Domain Not Registered On This Edge");
            return;
        }
        Optional<String> user = authenticate(pt, request, domain.get().name(), source, true);
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

    /** The authenticated user, or empty after answering the challenge or refusal. */
    private Optional<String> authenticate(ProxyTransaction pt, Request request, String realm, InetAddress source,
                                          boolean registrarRole) {
        String credentialsHeader = registrarRole ? "Authorization" : "Proxy-Authorization";
        AuthResult result = auth.authenticate(request.getMethod(), realm,
                SipMessages.values(request, credentialsHeader), source);
        if (result instanceof AuthResult.Authenticated a) {
            return Optional.of(a.user());
        }
        if (result instanceof AuthResult.Refused r) {
            metrics.failure("rate");
            Response refused = sip.response(r.status(), r.reason(), request);
            sip.add(refused, "Retry-After", Long.toString(Math.max(1, r.retryAfter().toSeconds())));
            forwarder.respond(pt, refused);
            return Optional.empty();
        }
        boolean stale = ((AuthResult.Challenge) result).stale();
        if (!SipMessages.values(request, credentialsHeader).isEmpty() && !stale) {
            metrics.failure("authentication");
        }
        Response challenge = sip.response(registrarRole ? Response.UNAUTHORIZED
                : Response.PROXY_AUTHENTICATION_REQUIRED, null, request);
        for (String c : auth.challenges(realm, stale)) {
            sip.add(challenge, registrarRole ? "WWW-Authenticate" : "Proxy-Authenticate", c);
        }
        forwarder.respond(pt, challenge);
        return Optional.empty();
    }

    private Optional<Domain> edgeDomain(String host) {
        return config.get().domain(host).filter(Domain::sipOnEdge);
    }

    private void respond(ProxyTransaction pt, int status, String reason) {
        forwarder.respond(pt, sip.response(status, reason, pt.request));
    }

    private URI parse(String uri) {
        try {
            return sip.addresses.createURI(uri);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("A stored contact does not parse", e);
        }
    }

    private static SipURI sipUri(URI uri) {
        return uri instanceof SipURI s ? s : null;
    }

    private static String addressOf(Request request, String header) {
        javax.sip.header.HeaderAddress h = (javax.sip.header.HeaderAddress) request.getHeader(header);
        return h == null ? "" : h.getAddress().getURI().toString();
    }
}
