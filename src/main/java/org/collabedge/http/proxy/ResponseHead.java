package org.collabedge.http.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * A backend's status line and headers as jetty-http's parser read them (strict RFC 9110: no obsolete line folding,
 * token header names, a size limit; anything else is a broken backend, 502). One instance serves every answer on a
 * backend connection ({@link #clear()} between them) and keeps the parser's {@link HttpField}s as they are: the
 * per-answer work allocates nothing unless a Connection header names other headers.
 */
final class ResponseHead {

    private final List<HttpField> fields = new ArrayList<>();
    private int status;

    void clear() {
        fields.clear();
        status = 0;
    }

    void status(int code) {
        status = code;
    }

    int status() {
        return status;
    }

    void add(HttpField field) {
        fields.add(field);
    }

    /** Whether the named header lists {@code token} (comma-separated, case-insensitive). */
    boolean hasToken(String name, String token) {
        for (int i = 0; i < fields.size(); i++) {
            HttpField f = fields.get(i);
            if (f.getName().equalsIgnoreCase(name) && ForwardHeaders.listsToken(f.getValue(), token)) {
                return true;
            }
        }
        return false;
    }

    /** Body length from Content-Length (-1 when absent), or refused when the framing is ambiguous or malformed. */
    long contentLength() throws BadBackendResponse {
        String value = null;
        int count = 0;
        for (int i = 0; i < fields.size(); i++) {
            HttpField f = fields.get(i);
            if (f.getName().equalsIgnoreCase("Content-Length")) {
                value = f.getValue();
                count++;
            }
        }
        if (count > 1 || count == 1 && isChunked()) {
            throw new BadBackendResponse("ambiguous response framing");
        }
        if (value == null) {
            return -1;
        }
        if (value.isEmpty() || value.length() > 18) {
            throw new BadBackendResponse("bad Content-Length");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new BadBackendResponse("bad Content-Length");
            }
        }
        return Long.parseLong(value);
    }

    boolean isChunked() {
        for (int i = 0; i < fields.size(); i++) {
            HttpField f = fields.get(i);
            if (f.getName().equalsIgnoreCase("Transfer-Encoding") && containsIgnoreCase(f.getValue(), "chunked")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Copies the headers that may reach the client (hop-by-hop and Connection-named ones dropped; Upgrade and
     * Connection kept for a 101), rewriting a redirect's Location.
     */
    void copyTo(HttpFields.Mutable out, boolean upgrade, UnaryOperator<String> locationRewriter) {
        Set<String> named = Set.of();
        for (int i = 0; i < fields.size(); i++) {
            HttpField f = fields.get(i);
            if (f.getName().equalsIgnoreCase("Connection")) {
                named = ForwardHeaders.addConnectionTokens(f.getValue(), named);
            }
        }
        boolean redirect = status >= 300 && status < 400;
        for (int i = 0; i < fields.size(); i++) {
            HttpField f = fields.get(i);
            if (ForwardHeaders.passesToClient(f.getName(), named, upgrade)) {
                if (redirect && f.getName().equalsIgnoreCase("Location")) {
                    out.add(f.getName(), locationRewriter.apply(f.getValue()));
                } else {
                    out.add(f); // the parser's field itself: immutable, often one of its cached instances
                }
            }
        }
    }

    private static boolean containsIgnoreCase(String value, String part) {
        for (int i = 0; i + part.length() <= value.length(); i++) {
            if (value.regionMatches(true, i, part, 0, part.length())) {
                return true;
            }
        }
        return false;
    }
}
