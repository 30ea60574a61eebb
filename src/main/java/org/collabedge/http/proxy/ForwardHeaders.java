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

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");
    /** Set by the edge itself, or framing the edge recomputes: a client's copy is dropped. */
    private static final Set<String> EDGE_OWNED = Set.of("host", "content-length", "expect", "forwarded",
            "x-real-ip", "x-edge-user", "via");

    private ForwardHeaders() {
    }

    /**
     * Appends the client's end-to-end headers to a request head being written to the backend.
     *
     * @param dropAuthorization true when Authorization carried the edge identity (not a backend credential)
     */
    public static void appendRequestHeaders(HttpFields client, boolean dropAuthorization, StringBuilder head) {
        Set<String> named = connectionTokens(client.getValuesList("Connection"));
        for (HttpField field : client) {
            String name = field.getName().toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(name) || EDGE_OWNED.contains(name) || named.contains(name)
                    || name.startsWith("x-forwarded-") || name.startsWith(":")
                    || (dropAuthorization && name.equals("authorization"))) {
                continue;
            }
            head.append(field.getName()).append(": ").append(field.getValue()).append("\r\n");
        }
    }

    /** Whether a backend response header may be passed to the client. */
    public static boolean passesToClient(String name, Set<String> connectionNamed, boolean upgrade) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (upgrade && (lower.equals("upgrade") || lower.equals("connection"))) {
            return true;
        }
        return !HOP_BY_HOP.contains(lower) && !connectionNamed.contains(lower);
    }

    /** The header names a Connection header lists (lower case). */
    public static Set<String> connectionTokens(Iterable<String> connectionValues) {
        Set<String> named = new HashSet<>();
        for (String value : connectionValues) {
            for (String token : value.split(",")) {
                String t = token.trim().toLowerCase(Locale.ROOT);
                if (!t.isEmpty() && !t.equals("upgrade") && !t.equals("close") && !t.equals("keep-alive")) {
                    named.add(t);
                }
            }
        }
        return named;
    }
}
