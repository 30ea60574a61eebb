package org.collabedge.http.proxy;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * Which headers cross the edge. Hop-by-hop headers (RFC 9110 7.6.1, plus those the Connection header names) never
 * do, nor do client-supplied Forwarded/X-Forwarded-* (the edge sets its own), nor the edge's own credentials.
 */
public final class ForwardHeaders {

    /** Lower case; compared ignoring case so that no header name is lower-cased per request. */
    private static final String[] HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade"};
    /** Set by the edge itself, or framing the edge recomputes: a client's copy is dropped. */
    private static final String[] EDGE_OWNED = {"host", "content-length", "expect", "forwarded",
            "x-real-ip", "x-edge-user", "via"};

    private ForwardHeaders() {
    }

    /**
     * Appends the client's end-to-end headers to a request head being written to the backend.
     *
     * @param dropAuthorization true when Authorization carried the edge identity (not a backend credential)
     */
    public static void appendRequestHeaders(HttpFields client, boolean dropAuthorization, StringBuilder head) {
        Set<String> named = Set.of();
        for (HttpField field : client) {
            if (field.getName().equalsIgnoreCase("Connection")) {
                named = addConnectionTokens(field.getValue(), named);
            }
        }
        for (HttpField field : client) {
            String name = field.getName();
            if (oneOf(name, HOP_BY_HOP) || oneOf(name, EDGE_OWNED) || isNamed(name, named)
                    || name.regionMatches(true, 0, "x-forwarded-", 0, 12) || name.startsWith(":")
                    || (dropAuthorization && name.equalsIgnoreCase("authorization"))) {
                continue;
            }
            head.append(name).append(": ").append(field.getValue()).append("\r\n");
        }
    }

    /** Whether a backend response header may be passed to the client. */
    public static boolean passesToClient(String name, Set<String> connectionNamed, boolean upgrade) {
        if (upgrade && (name.equalsIgnoreCase("upgrade") || name.equalsIgnoreCase("connection"))) {
            return true;
        }
        return !oneOf(name, HOP_BY_HOP) && !isNamed(name, connectionNamed);
    }

    /** The header names a Connection header lists (lower case). */
    public static Set<String> connectionTokens(Iterable<String> connectionValues) {
        Set<String> named = Set.of();
        for (String value : connectionValues) {
            named = addConnectionTokens(value, named);
        }
        return named;
    }

    /**
     * Adds the header names one Connection value lists (lower case; upgrade, close and keep-alive are not names)
     * to {@code named}; returns {@code named} itself while there is nothing to add (the common case: no copy).
     */
    static Set<String> addConnectionTokens(String value, Set<String> named) {
        if (!eachElement(value, null, (v, s, e, unused) -> isHeaderName(v, s, e))) {
            return named;
        }
        Set<String> more = new HashSet<>(named);
        eachElement(value, more, (v, s, e, set) -> {
            if (isHeaderName(v, s, e)) {
                set.add(v.substring(s, e).toLowerCase(Locale.ROOT));
            }
            return false;
        });
        return more;
    }

    /** Whether a comma-separated header value lists {@code token} (ignoring case and surrounding blanks). */
    static boolean listsToken(String value, String token) {
        return eachElement(value, token, (v, s, e, t) -> isToken(v, s, e, t));
    }

    /** Sees one element of a list: {@code value} from {@code s} to {@code e}; true stops the walk. */
    @FunctionalInterface
    private interface Element<A> {
        boolean visit(String value, int s, int e, A arg);
    }

    /**
     * The one walk over a comma-separated header value: each element trimmed as String.trim() would, passed as
     * bounds (no substring); {@code arg} goes to the visitor so that it need not capture (no object per call).
     *
     * @return true when the visitor stopped the walk
     */
    private static <A> boolean eachElement(String value, A arg, Element<A> visitor) {
        int from = 0;
        while (true) {
            int comma = value.indexOf(',', from);
            int s = from;
            int e = comma < 0 ? value.length() : comma;
            while (s < e && isBlank(value.charAt(s))) {
                s++;
            }
            while (e > s && isBlank(value.charAt(e - 1))) {
                e--;
            }
            if (visitor.visit(value, s, e, arg)) {
                return true;
            }
            if (comma < 0) {
                return false;
            }
            from = comma + 1;
        }
    }

    /** A Connection element that names a header (not empty, not one of the connection options). */
    private static boolean isHeaderName(String value, int s, int e) {
        return e > s && !isToken(value, s, e, "upgrade") && !isToken(value, s, e, "close")
                && !isToken(value, s, e, "keep-alive");
    }

    private static boolean isToken(String value, int s, int e, String token) {
        return e - s == token.length() && value.regionMatches(true, s, token, 0, token.length());
    }

    /** What String.trim() removes. */
    private static boolean isBlank(char c) {
        return c <= ' ';
    }

    private static boolean oneOf(String name, String[] lowerNames) {
        for (String n : lowerNames) {
            if (name.equalsIgnoreCase(n)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNamed(String name, Set<String> named) {
        return !named.isEmpty() && named.contains(name.toLowerCase(Locale.ROOT));
    }
}
