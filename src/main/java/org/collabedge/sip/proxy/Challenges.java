package org.collabedge.sip.proxy;

import java.net.InetAddress;
import java.util.Optional;

import javax.sip.message.Request;
import javax.sip.message.Response;

import org.collabedge.sip.SipMessages;
import org.collabedge.sip.SipMetrics;
import org.collabedge.sip.auth.AuthResult;
import org.collabedge.sip.auth.EdgeAuthenticator;

/**
 * Authentication at the edge as SIP answers it: 401 with WWW-Authenticate as registrar, 407 with Proxy-Authenticate
 * as proxy, 503 with Retry-After over the authorization rate.
 */
final class Challenges {

    private final EdgeAuthenticator auth;
    private final SipMessages sip;
    private final RequestForwarder forwarder;
    private final SipMetrics metrics;

    Challenges(EdgeAuthenticator auth, SipMessages sip, RequestForwarder forwarder, SipMetrics metrics) {
        this.auth = auth;
        this.sip = sip;
        this.forwarder = forwarder;
        this.metrics = metrics;
    }

    /** The authenticated user, or empty after answering the challenge or refusal. */
    Optional<String> authenticate(ProxyTransaction pt, Request request, String realm, InetAddress source,
                                          boolean registrarRole) {
        String credentialsHeader = registrarRole ? "Authorization" : "Proxy-Authorization";
        AuthResult result = auth.authenticate(request.getMethod(), request.getRequestURI(), realm,
                SipMessages.values(request, credentialsHeader), source);
        if (result instanceof AuthResult.Authenticated a) {
            return Optional.of(a.user());
        }
        if (result instanceof AuthResult.Refused r) {
            boolean rate = r.status() == Response.SERVICE_UNAVAILABLE;
            metrics.failure(rate ? "rate" : "authentication");
            Response refused = sip.response(r.status(), r.reason(), request);
            if (rate) {
                sip.add(refused, "Retry-After", Long.toString(Math.max(1, r.retryAfter().toSeconds())));
            }
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
}
