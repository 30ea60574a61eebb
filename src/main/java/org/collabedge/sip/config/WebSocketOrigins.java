package org.collabedge.sip.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Which web pages may open the edge's SIP WebSocket (RFC 6455 section 10.2, RFC 7118 section 5). A browser names
 * the page's site in an {@code Origin} header and cannot lie about it, so the allow-list stops a page on any other
 * site from using a visitor's browser (and network position) to talk SIP to the edge. Clients that send no Origin
 * are not browsers (softphones, SIP libraries) and are not affected. An empty list therefore admits no web page at
 * all: the safe default, since a page is only trusted once the admin names its site.
 * <p>
 * Origins are compared in their serialized form (RFC 6454 section 6.2): scheme, host and port, lower case, the
 * scheme's default port left out.
 */
public final class WebSocketOrigins implements Predicate<String> {

    /** The stack context key the SIP service registers its live allow-list under. */
    public static final String PROPERTY = "collabedge.wss.origins";
    /** Longest origin accepted in the setting: a scheme, a host name of at most 253 characters and a port. */
    public static final int MAX_LENGTH = 300;

    private final Supplier<List<String>> allowed;

    /** @param allowed the configured origins, read at each handshake so a change applies to the next one */
    public WebSocketOrigins(Supplier<List<String>> allowed) {
        this.allowed = allowed;
    }

    /**
     * Whether a handshake with this {@code Origin} header value (null when absent) may open a WebSocket. The
     * opaque origin "null" (sandboxed frames, local files) never matches a configured one.
     */
    @Override
    public boolean test(String origin) {
        if (origin == null) {
            return true;
        }
        Optional<String> c = canonical(origin);
        return c.isPresent() && allowed.get().stream().map(WebSocketOrigins::canonical).flatMap(Optional::stream)
                .anyMatch(c.get()::equals);
    }

    /**
     * The serialized origin for an {@code http}/{@code https} URL with nothing but scheme, host and port; empty for
     * anything else (a path, a query, user info, another scheme, a malformed host or port).
     */
    public static Optional<String> canonical(String origin) {
        if (origin == null || origin.isBlank() || origin.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(origin.trim());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean onlyAuthority = uri.getRawUserInfo() == null && uri.getRawQuery() == null
                && uri.getRawFragment() == null && (uri.getRawPath() == null || uri.getRawPath().isEmpty());
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || !onlyAuthority) {
            return Optional.empty();
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443)
                || (scheme.equals("http") && port == 80);
        return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
    }
}
