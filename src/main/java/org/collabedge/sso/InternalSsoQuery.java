package org.collabedge.sso;

import java.util.ArrayList;
import java.util.List;

import org.collabedge.config.FieldError;
import org.collabedge.config.ValidationException;

/**
 * How the edge asks internal call control whether SSO is available for a user (the seed's "Check for internal SSO
 * availability"): {@code GET https://<call-control server>:<port><path>}, the path with {@code {identity}},
 * {@code {user}} and {@code {domain}} filled in (URL-encoded). The server answers 200 with {@code true} or
 * {@code false}, or 404 for a user it does not know (false).
 *
 * @param path          the request path and query, starting with {@code /}
 * @param port          the call-control servers' HTTPS port (the seed's UDS port: 8443)
 * @param timeoutMillis connect and read time-out of one attempt
 */
public record InternalSsoQuery(String path, int port, int timeoutMillis) {

    public static final String DEFAULT_PATH = "/edge-sso/available?identity={identity}";
    public static final int DEFAULT_PORT = 8443;
    public static final int DEFAULT_TIMEOUT_MILLIS = 3000;
    public static final int MAX_TIMEOUT_MILLIS = 30_000;

    public static InternalSsoQuery defaults() {
        return new InternalSsoQuery(DEFAULT_PATH, DEFAULT_PORT, DEFAULT_TIMEOUT_MILLIS);
    }

    /** Refuses the values, naming each field that is wrong. */
    public InternalSsoQuery validated() {
        List<FieldError> errors = new ArrayList<>();
        if (path == null || !path.startsWith("/") || path.length() > 512 || !path.matches("[\\x21-\\x7e]+")
                || path.contains("//") || path.contains("#")) {
            errors.add(new FieldError("internalCheckPath", "sso.error.internal_path"));
        }
        if (port < 1 || port > 65535) {
            errors.add(new FieldError("internalCheckPort", "error.port_range", port));
        }
        if (timeoutMillis < 100 || timeoutMillis > MAX_TIMEOUT_MILLIS) {
            errors.add(new FieldError("internalCheckTimeout", "sso.error.internal_timeout", timeoutMillis));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return this;
    }
}
