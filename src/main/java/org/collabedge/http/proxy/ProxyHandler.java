package org.collabedge.http.proxy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.collabedge.config.EdgeConfig;
import org.collabedge.http.ProxyTarget;
import org.collabedge.http.rules.AllowList;
import org.collabedge.http.rules.RuleDecision;
import org.collabedge.protection.FailureCategory;
import org.collabedge.protection.SecurityEvents;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's request path: canonical target (400/404) -> edge identity when the allow list's decision asks for it
 * (401/429) -> the decision's verdict (403) -> forward (502/503/504 when the backend fails). Each refusal is counted
 * for intrusion protection by its category. Forwarding continues without blocking on the backend leg and completes
 * the request from there.
 *
 * <p>The handler is non-blocking for Jetty, so Jetty runs it on the thread that parsed the request. The common case
 * is finished there: an allowed target whose rule needs no authentication and a body of known length (or none).
 * Everything else may block and is handed to a pool thread: a password check (the directory; even a credential
 * cache hit derives a PBKDF2 hash, milliseconds of CPU that must not hold up a selector), a bearer token that is
 * not in this node's cache (shared state), the blocked-request log (shared state), waiting for the first piece of
 * a body of unknown length, and the refusals' blocking writes.
 */
public final class ProxyHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyHandler.class);
    static final String CHALLENGE_BASIC = "Basic realm=\"Collaboration Edge\", charset=\"UTF-8\"";
    static final String CHALLENGE_BEARER = "Bearer realm=\"Collaboration Edge\"";

    private final Supplier<EdgeConfig> config;
    private final AllowList allowList;
    private final EdgeAuthenticator authenticator;
    private final SecurityEvents events;
    private final ProxyExchange exchange;
    private final RedirectRewriter redirects;
    private final ProxyMetrics metrics;
    private final IntSupplier boundPort;
    private volatile Authority authority;

    /** @param boundPort the port the edge really listens on (for the edge's own URLs in headers and redirects) */
    public ProxyHandler(Supplier<EdgeConfig> config, AllowList allowList, EdgeAuthenticator authenticator,
                        SecurityEvents events, BackendLeg backends, ProxyMetrics metrics, IntSupplier boundPort) {
        super(InvocationType.NON_BLOCKING);
        this.config = config;
        this.allowList = allowList;
        this.authenticator = authenticator;
        this.events = events;
        this.exchange = new ProxyExchange(backends);
        this.redirects = new RedirectRewriter(allowList);
        this.metrics = metrics;
        this.boundPort = boundPort;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        InetAddress source = source(request);
        if (forwardedAtOnce(request, response, callback, source)) {
            return true;
        }
        try {
            request.getComponents().getExecutor().execute(() -> handleBlocking(request, response, callback, source));
        } catch (RuntimeException rejected) {
            metrics.request("aborted", 0);
            callback.failed(rejected);
        }
        return true;
    }

    /**
     * The common case without a hand-over to a pool thread (one context switch and a queue less per request).
     * Returns false, having done nothing the client can see, for every request that needs more.
     */
    private boolean forwardedAtOnce(Request request, Response response, Callback callback, InetAddress source) {
        String method = request.getMethod();
        if (method.equals("CONNECT") || method.equals("TRACE") || conflictingFraming(request.getHeaders())
                || !exchange.forwardsWithoutBlocking(request)) {
            return false;
        }
        EdgeConfig current = config.get();
        ProxyTarget target;
        try {
            target = TargetParser.parse(request.getHttpURI().getPath(), request.getHttpURI().getQuery(), current);
        } catch (TargetRefused e) {
            return false;
        }
        RuleDecision decision = allowList.decide(target, method);
        if (!decision.allowed() || decision.authenticationRequired()) {
            return false;
        }
        try {
            if (!forward(request, response, callback, source, current, target, decision, null)) {
                callback.succeeded(); // not reached: forwardsWithoutBlocking ruled out the 413
            }
        } catch (Throwable e) {
            LOG.debug("Proxy request failed", e);
            metrics.request("backend_error", 502);
            if (response.isCommitted()) {
                callback.failed(e);
            } else {
                refuse(response, 502, "internal server failed", callback);
            }
        }
        return true;
    }

    private void handleBlocking(Request request, Response response, Callback callback, InetAddress source) {
        try {
            if (!serve(request, response, source, callback)) {
                callback.succeeded();
            }
        } catch (Throwable e) {
            if (!response.isCommitted()) {
                int status = BackendFailures.status(e);
                LOG.debug("Proxy request failed", e);
                metrics.request("backend_error", status);
                try {
                    refuse(response, status, status == 504 ? "internal server timed out" : "internal server failed");
                    callback.succeeded();
                    return;
                } catch (IOException | RuntimeException ignored) {
                    // fall through to abort the connection
                }
            }
            metrics.request("aborted", 0);
            callback.failed(e);
        }
    }

    private static boolean conflictingFraming(HttpFields headers) {
        return headers.contains(HttpHeader.TRANSFER_ENCODING) && headers.contains(HttpHeader.CONTENT_LENGTH)
                || headers.getValuesList(HttpHeader.CONTENT_LENGTH).size() > 1;
    }

    /** @return true when forwarding started and completes the callback itself */
    private boolean serve(Request request, Response response, InetAddress source, Callback callback)
            throws IOException {
        String method = request.getMethod();
        HttpFields headers = request.getHeaders();
        if (method.equals("CONNECT") || method.equals("TRACE")) {
            protocolRefusal(response, source, 405, "method not allowed through the edge");
            return false;
        }
        if (conflictingFraming(headers)) {
            protocolRefusal(response, source, 400, "conflicting message framing");
            return false;
        }
        EdgeConfig current = config.get();
        ProxyTarget target;
        try {
            target = TargetParser.parse(request.getHttpURI().getPath(), request.getHttpURI().getQuery(), current);
        } catch (TargetRefused e) {
            if (e.status() == 400) {
                protocolRefusal(response, source, 400, e.getMessage());
                return false;
            }
            // Only an identified client learns that a deployment does not exist; anyone else gets the same 401 as
            // for a real one, so deployment and domain names cannot be probed.
            EdgeAuthenticator.Result identity = authenticator.authenticate(headers.get(HttpHeader.AUTHORIZATION));
            if (!(identity instanceof EdgeAuthenticator.Authenticated)) {
                unauthenticated(response, source, identity);
                return false;
            }
            events.failure(FailureCategory.HTTP_PROXY_RESOURCE_ACCESS, source, null);
            metrics.request("not_found", e.status());
            refuse(response, e.status(), e.getMessage());
            return false;
        }
        RuleDecision decision = allowList.decide(target, method);
        // Credentials before the verdict: a blocked target that needs authentication (every "no rule" decision
        // does) answers 401 like an allowed one would, so an unauthenticated client cannot map the allow list by
        // telling 403 from 401. Only an authenticated client (or a rule open to all) learns "not allowed".
        String user = null;
        if (decision.authenticationRequired()) {
            EdgeAuthenticator.Result identity = authenticator.authenticate(headers.get(HttpHeader.AUTHORIZATION));
            if (!(identity instanceof EdgeAuthenticator.Authenticated ok)) {
                unauthenticated(response, source, identity);
                return false;
            }
            user = ok.user();
        }
        if (!decision.allowed()) {
            allowList.blocked(target, method, decision, source);
            events.failure(FailureCategory.HTTP_PROXY_RESOURCE_ACCESS, source, null);
            metrics.request("blocked", 403);
            refuse(response, 403, "not on the HTTP allow list");
            return false;
        }
        return forward(request, response, callback, source, current, target, decision, user);
    }

    /** Hands an allowed request to the backend leg; false when it was answered here (413). */
    private boolean forward(Request request, Response response, Callback callback, InetAddress source,
                            EdgeConfig current, ProxyTarget target, RuleDecision decision, String user)
            throws IOException {
        String authority = authority(current.settings().publicHostName(), boundPort.getAsInt());
        ProxyExchange.Context ctx = new ProxyExchange.Context(target, user, user != null, source.getHostAddress(),
                authority, location -> redirects.rewrite(location, target, current, "https://" + authority));
        // Counted as it passes the allow list (before forwarding), whatever the backend then does.
        allowList.passed(decision);
        return exchange.forward(request, response, callback, ctx, (outcome, status, headNanos) -> {
            if (headNanos > 0) {
                metrics.backendLatency(headNanos);
            }
            metrics.request(outcome, status);
        });
    }

    /** 429 when rate control holds the user back, otherwise 401 with both challenges (a failure is counted). */
    private void unauthenticated(Response response, InetAddress source, EdgeAuthenticator.Result identity)
            throws IOException {
        if (identity instanceof EdgeAuthenticator.RateLimited limited) {
            long seconds = Math.max(1, (limited.retryAfter().toMillis() + 999) / 1000);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(seconds));
            metrics.request("rate_limited", 429);
            refuse(response, 429, "too many authorizations; retry later");
            return;
        }
        if (identity instanceof EdgeAuthenticator.Failed failed) {
            events.failure(FailureCategory.HTTP_PROXY_AUTHORIZATION, source, failed.user());
        }
        response.getHeaders().add(HttpHeader.WWW_AUTHENTICATE, CHALLENGE_BASIC);
        response.getHeaders().add(HttpHeader.WWW_AUTHENTICATE, CHALLENGE_BEARER);
        metrics.request("unauthorized", 401);
        refuse(response, 401, "edge credentials required");
    }

    private void protocolRefusal(Response response, InetAddress source, int status, String message)
            throws IOException {
        events.failure(FailureCategory.HTTP_PROXY_PROTOCOL, source, null);
        metrics.request("refused", status);
        refuse(response, status, message);
    }

    /** Answers with a short plain-text reason; returns the status for the caller's bookkeeping. */
    static int refuse(Response response, int status, String message) throws IOException {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            out.write(body);
        }
        return status;
    }

    /** As {@link #refuse(Response, int, String)} without blocking; completes {@code callback}. */
    static void refuse(Response response, int status, String message, Callback callback) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** The edge's authority, built again only when host or port changed (not per request). */
    private String authority(String host, int port) {
        Authority last = authority;
        if (last == null || last.port() != port || !last.host().equals(host)) {
            last = new Authority(host, port, edgeAuthority(host, port));
            authority = last;
        }
        return last.text();
    }

    private record Authority(String host, int port, String text) {
    }

    static String edgeAuthority(String host, int port) {
        return port == 443 ? host : host + ":" + port;
    }

    private static InetAddress source(Request request) {
        if (request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress address) {
            return address.getAddress();
        }
        return InetAddress.getLoopbackAddress();
    }
}
