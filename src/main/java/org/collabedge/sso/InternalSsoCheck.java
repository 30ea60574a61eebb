package org.collabedge.sso;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

import org.collabedge.config.EdgeConfig;
import org.collabedge.config.HostNames;
import org.collabedge.config.InternalServer;
import org.collabedge.config.ServerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's "Check for internal SSO availability": asks the internal call-control servers of the identity's
 * deployment whether SSO is available for the user, picking the server round-robin as the seed's Expressway-C does
 * (and the next one once if that fails). HTTPS only, verified with the edge's trusted CAs and the server's name;
 * one attempt is bounded by {@link InternalSsoQuery#timeoutMillis()}; answers are kept for {@link #ANSWER_TTL}.
 *
 * <p>When no server gives an answer (unreachable, time-out, TLS failure, anything but 200 {@code true}/{@code false}
 * or 404) the result is {@link Outcome#UNREACHABLE}, which {@code /get_edge_sso} answers {@code false}: the seed's
 * client then signs in with the credentials it has, whereas a {@code true} for a user whose home node cannot do SSO
 * leaves the client failing without trying the other way. Failures are kept only {@link #FAILURE_TTL}.
 */
public final class InternalSsoCheck {

    /** What the call-control servers said. */
    public enum Outcome { AVAILABLE, NOT_AVAILABLE, UNREACHABLE }

    public static final Duration ANSWER_TTL = Duration.ofSeconds(60);
    public static final Duration FAILURE_TTL = Duration.ofSeconds(5);
    static final int MAX_CACHED = 10_000;
    private static final int MAX_ATTEMPTS = 2;
    private static final int MAX_BODY = 256;
    private static final Logger LOG = LoggerFactory.getLogger(InternalSsoCheck.class);

    private record Cached(Outcome outcome, long untilMillis) {
    }

    private final Supplier<SSLContext> tls;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    /** @param tls the edge's client TLS context (trusted CAs, verification on) */
    public InternalSsoCheck(Supplier<SSLContext> tls, Clock clock) {
        this.tls = tls;
        this.clock = clock;
    }

    /** The call-control servers that can answer for a domain: those of its deployment, in configuration order. */
    public static List<InternalServer> callControl(EdgeConfig config, String domain) {
        return config.domain(domain).map(d -> config.serversIn(d.deploymentId()).stream()
                .filter(s -> s.type() == ServerType.CALL_CONTROL).toList()).orElse(List.of());
    }

    /** Asks {@code servers} (not empty) about {@code user@domain}, or answers from the cache. */
    public Outcome ask(String user, String domain, List<InternalServer> servers, InternalSsoQuery query) {
        String key = (user + "@" + domain).toLowerCase(java.util.Locale.ROOT);
        long now = clock.millis();
        Cached hit = cache.get(key);
        if (hit != null && hit.untilMillis() > now) {
            return hit.outcome();
        }
        Outcome outcome = Outcome.UNREACHABLE;
        int start = Math.floorMod(next.getAndIncrement(), servers.size());
        for (int i = 0; i < Math.min(MAX_ATTEMPTS, servers.size()); i++) {
            InternalServer server = servers.get((start + i) % servers.size());
            Optional<Boolean> answer = askOne(server, user, domain, query);
            if (answer.isPresent()) {
                outcome = answer.get() ? Outcome.AVAILABLE : Outcome.NOT_AVAILABLE;
                break;
            }
        }
        remember(key, outcome, now);
        return outcome;
    }

    private void remember(String key, Outcome outcome, long now) {
        if (cache.size() >= MAX_CACHED) {
            cache.values().removeIf(c -> c.untilMillis() <= now);
            if (cache.size() >= MAX_CACHED) {
                cache.clear(); // bounded memory beats a warm cache under a flood of distinct identities
            }
        }
        Duration ttl = outcome == Outcome.UNREACHABLE ? FAILURE_TTL : ANSWER_TTL;
        cache.put(key, new Cached(outcome, now + ttl.toMillis()));
    }

    /** One server's answer; empty when it gave none that counts. */
    private Optional<Boolean> askOne(InternalServer server, String user, String domain, InternalSsoQuery query) {
        URI uri;
        try {
            uri = uri(server, user, domain, query);
        } catch (IllegalArgumentException e) {
            LOG.warn("Internal SSO check: no usable URL for {} ({})", server.id(), e.getMessage());
            return Optional.empty();
        }
        String at = uri.getHost() + ":" + uri.getPort();
        HttpsURLConnection c = null;
        try {
            c = (HttpsURLConnection) uri.toURL().openConnection();
            c.setSSLSocketFactory(tls.get().getSocketFactory());
            c.setConnectTimeout(query.timeoutMillis());
            c.setReadTimeout(query.timeoutMillis());
            c.setInstanceFollowRedirects(false);
            c.setUseCaches(false);
            c.setRequestProperty("Accept", "text/plain, application/json");
            int status = c.getResponseCode();
            if (status == HttpURLConnection.HTTP_NOT_FOUND) {
                return Optional.of(false); // the user is not known there: no SSO for them
            }
            if (status != HttpURLConnection.HTTP_OK) {
                LOG.warn("Internal SSO check at {} answered HTTP {}", at, status);
                return Optional.empty();
            }
            Optional<Boolean> answer = parse(read(c.getInputStream()));
            if (answer.isEmpty()) {
                LOG.warn("Internal SSO check at {} gave an answer that is neither true nor false",
                        at);
            }
            return answer;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Internal SSO check at {} failed: {}", at, e.toString());
            return Optional.empty();
        } finally {
            if (c != null) {
                c.disconnect();
            }
        }
    }

    static URI uri(InternalServer server, String user, String domain, InternalSsoQuery query) {
        String host = HostNames.unbracket(server.address());
        if (HostNames.isIpv6(host)) {
            host = "[" + host + "]";
        }
        String path = query.path().replace("{identity}", encode(user + "@" + domain))
                .replace("{user}", encode(user)).replace("{domain}", encode(domain));
        return URI.create("https://" + host + ":" + query.port() + path);
    }

    private static String encode(String s) {
        // URLEncoder leaves dots alone: a user "." or ".." would be a dot segment in a path template
        // ("/users/{user}/sso" becoming "/users/../sso"), letting a caller steer the request to another path.
        if (s.equals(".") || s.equals("..")) {
            throw new IllegalArgumentException("a dot segment is not an identity");
        }
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                return ""; // an answer this long is not one we understand
            }
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** {@code true}/{@code false} as plain text or a JSON boolean, nothing else. */
    static Optional<Boolean> parse(String body) {
        String b = body.strip();
        if (b.equalsIgnoreCase("true")) {
            return Optional.of(true);
        }
        if (b.equalsIgnoreCase("false")) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    /** Forgets every cached answer (the settings changed). */
    public void clear() {
        cache.clear();
    }
}
