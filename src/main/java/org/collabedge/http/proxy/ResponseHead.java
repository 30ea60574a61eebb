package org.collabedge.http.proxy;

import java.util.ArrayList;
import java.util.List;

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

    boolean isInterim() {
        return status >= 100 && status < 200 && status != 101;
    }
}
