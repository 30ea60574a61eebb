package org.collabedge.http.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.eclipse.jetty.http.HttpFields;

/**
 * A backend's status line and headers as jetty-http's parser read them (strict RFC 9110: no obsolete line folding,
 * token header names, a size limit; anything else is a broken backend, 502).
 */
public record ResponseHead(int status, List<Header> headers) {

    public record Header(String name, String value) {
    }

    public String first(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                values.add(h.value());
            }
        }
        return values;
    }

    /** Whether the named header lists {@code token} (comma-separated, case-insensitive). */
    public boolean hasToken(String name, String token) {
        for (String value : all(name)) {
            for (String part : value.split(",")) {
                if (part.trim().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Body length from Content-Length (-1 when absent), or refused when the framing is ambiguous or malformed. */
    public long contentLength() throws BadBackendResponse {
        List<String> lengths = all("Content-Length");
        if (lengths.size() > 1 || !lengths.isEmpty() && isChunked()) {
            throw new BadBackendResponse("ambiguous response framing");
        }
        if (lengths.isEmpty()) {
            return -1;
        }
        String value = lengths.get(0);
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new BadBackendResponse("bad Content-Length");
        }
        return Long.parseLong(value);
    }

    public boolean isChunked() {
        return all("Transfer-Encoding").stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"));
    }

    /**
     * Copies the headers that may reach the client (hop-by-hop and Connection-named ones dropped; Upgrade and
     * Connection kept for a 101), rewriting a redirect's Location.
     */
    public void copyTo(HttpFields.Mutable out, boolean upgrade, UnaryOperator<String> locationRewriter) {
        Set<String> named = ForwardHeaders.connectionTokens(all("Connection"));
        boolean redirect = status >= 300 && status < 400;
        for (Header h : headers) {
            if (ForwardHeaders.passesToClient(h.name(), named, upgrade)) {
                boolean location = redirect && h.name().equalsIgnoreCase("Location");
                out.add(h.name(), location ? locationRewriter.apply(h.value()) : h.value());
            }
        }
    }

    boolean isInterim() {
        return status >= 100 && status < 200 && status != 101;
    }
}
