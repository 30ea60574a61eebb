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
import org.collabedge.sip.config.RegistrationMode;
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
    private final EdgeAuthenticator auth;
    private final Registrar registrar;
    private final LocationStore location;
    private final RequestForwarder forwarder;
    private final EdgeProxy.Flows flows;
    private final Supplier<String> nodeId;
    private final CallLog calls;
    private final SipMetrics metrics;
    private final InternalCallControl internal;
    private final ContactRewriter rewriter;
    private final RelayedRegistrations relayed;

    public InitialRequests(SipMessages sip, Supplier<EdgeConfig> config, Supplier<SipConfig> sipConfig,
                           EdgeAuthenticator auth, Registrar registrar, LocationStore location,
                           RequestForwarder forwarder, EdgeProxy.Flows flows, Supplier<String> nodeId, CallLog calls,
                           SipMetrics metrics, InternalCallControl internal, RelayedRegistrations relayed) {
        this.relayed = relayed;
        this.internal = internal;
        this.rewriter = new ContactRewriter(sip);
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

    /**
     * @param pathFlow the client flow named by the edge's own Path entry at the top of Route, when internal call
     *                 control sends a request to a client registered through the edge in Path mode
     */
    void handle(ProxyTransaction pt, Request request, Flow from, InetAddress source, EdgeAddresses edge,
                Optional<Flow> pathFlow) throws java.text.ParseException {
        if (!(request.getRequestURI() instanceof SipURI target)) {
            respond(pt, 416, "Unsupported URI Scheme");
            return;
        }
        if (internal.isInternal(from) && towardsClient(pt, target, from, pathFlow)) {
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
            toInternal(pt, request, from, source, inside.get());
            return;
        }
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
        } else if (internalDomain(domain).isPresent() && internal.pick(internalDomain(domain).get()).isPresent()) {
            Flow server = internal.pick(internalDomain(domain).get()).get();
            targets.add(new Target(null, server, false, List.of(), false));
            label = "internal call control " + server.host();
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

    private void register(ProxyTransaction pt, Request request, Flow from, InetAddress source, EdgeAddresses edge)
            throws java.text.ParseException {
        SipURI to = sipUri(((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI());
        Optional<Domain> inside = to == null ? Optional.empty() : internalDomain(to.getHost());
        if (inside.isPresent()) {
            registerInside(pt, request, from, source, inside.get(), edge);
            return;
        }
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

    /** REGISTER for a domain registered on internal call control: Path or Contact rewrite, then on inside. */
    private void registerInside(ProxyTransaction pt, Request request, Flow from, InetAddress source, Domain domain,
                                EdgeAddresses edge) throws java.text.ParseException {
        if (sipConfig.get().settings().edgeAuthForInternal()
                && authenticate(pt, request, domain.name(), source, true).isEmpty()) {
            return;
        }
        List<Flow> servers = internal.ordered(domain);
        if (servers.isEmpty()) {
            respond(pt, Response.SERVICE_UNAVAILABLE, "No Call Control Server");
            return;
        }
        Optional<Flow> server = Optional.of(servers.get(0));
        Request out = (Request) request.clone();
        String transport = server.get().transport();
        if (sipConfig.get().settings().registrationMode() == RegistrationMode.PATH) {
            sip.add(out, "Path", "<" + edge.pathUri(transport, from) + ">");
            sip.add(out, "Supported", "path");
        } else {
            rewriter.rewrite(out, from, edge.publicHost(), edge.port(transport), transport);
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
        inside.fallbacks(servers.subList(1, servers.size()).stream()
                .map(f -> new Target(null, f, false, List.of(), false)).toList());
        forwarder.forward(inside, from, List.of(new Target(null, server.get(), false, List.of(), false)), false);
    }

    /** A dialog-starting request of a client in an internal-call-control domain goes inside, record-routed. */
    private void toInternal(ProxyTransaction pt, Request request, Flow from, InetAddress source, Domain domain) {
        if (sipConfig.get().settings().edgeAuthForInternal()
                && authenticate(pt, request, domain.name(), source, false).isEmpty()) {
            return;
        }
        List<Flow> servers = internal.ordered(domain);
        if (servers.isEmpty()) {
            respond(pt, Response.SERVICE_UNAVAILABLE, "No Call Control Server");
            return;
        }
        if (Request.INVITE.equals(request.getMethod())) {
            forwarder.respond(pt, sip.response(Response.TRYING, null, request));
            calls.started(RequestForwarder.callId(request), addressOf(request, FromHeader.NAME),
                    addressOf(request, ToHeader.NAME), "internal call control " + servers.get(0).host());
        }
        pt.fallbacks(servers.subList(1, servers.size()).stream()
                .map(f -> new Target(null, f, false, List.of(), false)).toList());
        forwarder.forward(pt, from, List.of(new Target(null, servers.get(0), false, List.of(), false)), true);
    }

    /** Internal call control reaching a client through the edge (Path entry or rewritten contact). */
    private boolean towardsClient(ProxyTransaction pt, SipURI target, Flow from, Optional<Flow> pathFlow) {
        Optional<ContactRewriter.Decoded> rewritten = ContactRewriter.decode(target);
        Optional<Flow> client = pathFlow.isPresent() ? pathFlow : rewritten.map(ContactRewriter.Decoded::flow);
        if (client.isEmpty()) {
            return false;
        }
        URI requestUri = rewritten.map(d -> parse(d.contact())).orElse(null);
        boolean closed = flows.closed(client.get());
        if (Request.INVITE.equals(pt.request.getMethod())) {
            forwarder.respond(pt, sip.response(Response.TRYING, null, pt.request));
            calls.started(RequestForwarder.callId(pt.request), addressOf(pt.request, FromHeader.NAME),
                    addressOf(pt.request, ToHeader.NAME), "internal call control " + from.host());
        }
        boolean dialogForming = !Request.REGISTER.equals(pt.request.getMethod());
        forwarder.forward(pt, from, List.of(new Target(requestUri, client.get(), closed, List.of(), true)),
                dialogForming);
        return true;
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
