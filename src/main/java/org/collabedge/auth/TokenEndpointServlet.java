package org.collabedge.auth;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The edge's sign-in endpoints, OAuth 2.0 token endpoint style (RFC 6749 section 5, revocation RFC 7009), served on
 * the HTTPS edge listener:
 * <ul>
 * <li>{@code POST /edge/token} with HTTP Basic user credentials: new access and refresh token;</li>
 * <li>{@code POST /edge/token/refresh} with form field {@code refresh_token}: new tokens, the old ones end;</li>
 * <li>{@code POST /edge/token/revoke} with form field {@code token}: ends that sign-in; 200 even for unknown
 * tokens, as RFC 7009 asks, so the answer tells an attacker nothing.</li>
 * </ul>
 * Answers are JSON with {@code Cache-Control: no-store}; errors carry {@code error} and {@code error_description}.
 */
public final class TokenEndpointServlet extends HttpServlet {

    public static final String PATH = "/edge/token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHALLENGE = "Basic realm=\"Collaboration Edge\", charset=\"UTF-8\"";

    private final transient EdgeSignIn signIn;
    private final transient TokenService tokens;
    private final transient Clock clock;

    public TokenEndpointServlet(EdgeSignIn signIn, TokenService tokens, Clock clock) {
        this.signIn = Objects.requireNonNull(signIn);
        this.tokens = Objects.requireNonNull(tokens);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("Pragma", "no-cache");
        String uri = req.getRequestURI();
        if (uri.endsWith("/")) {
            uri = uri.substring(0, uri.length() - 1);
        }
        String action = uri.endsWith(PATH) ? "token" : uri.endsWith(PATH + "/refresh") ? "refresh"
                : uri.endsWith(PATH + "/revoke") ? "revoke" : null;
        if (action == null) {
            error(resp, 404, "invalid_request", "no such endpoint");
            return;
        }
        if (!"POST".equals(req.getMethod())) {
            resp.setHeader("Allow", "POST");
            error(resp, 405, "invalid_request", "use POST");
            return;
        }
        if (req.getQueryString() != null) {
            // Credentials in a URL end up in logs and browser histories: refuse rather than read them.
            error(resp, 400, "invalid_request", "credentials are not accepted in the query string");
            return;
        }
        switch (action) {
            case "token" -> token(req, resp);
            case "refresh" -> refresh(req, resp);
            default -> revoke(req, resp);
        }
    }

    private void token(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String header = req.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            resp.setHeader("WWW-Authenticate", CHALLENGE);
            error(resp, 401, "invalid_request", "HTTP Basic credentials are required");
            return;
        }
        char[] decoded;
        try {
            byte[] raw = Base64.getDecoder().decode(header.substring(6).trim());
            CharBuffer chars = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(raw));
            decoded = new char[chars.remaining()];
            chars.get(decoded);
            Arrays.fill(chars.array(), '\0');
            Arrays.fill(raw, (byte) 0);
        } catch (IllegalArgumentException e) {
            resp.setHeader("WWW-Authenticate", CHALLENGE);
            error(resp, 401, "invalid_request", "the Basic credentials are not valid base64");
            return;
        }
        int colon = indexOf(decoded, ':');
        String user = colon > 0 ? new String(decoded, 0, colon).trim() : null;
        char[] password = colon > 0 ? Arrays.copyOfRange(decoded, colon + 1, decoded.length) : new char[0];
        Arrays.fill(decoded, '\0');
        try {
            if (user == null || user.isEmpty() || password.length == 0) {
                resp.setHeader("WWW-Authenticate", CHALLENGE);
                error(resp, 401, "invalid_request", "a user name and a password are required");
                return;
            }
            answer(resp, signIn.password(user, password, source(req)));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private void refresh(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String refreshToken = req.getParameter("refresh_token");
        if (refreshToken == null || refreshToken.isBlank()) {
            error(resp, 400, "invalid_request", "the form field refresh_token is required");
            return;
        }
        answer(resp, signIn.refresh(refreshToken.trim(), source(req)));
    }

    private void revoke(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String token = req.getParameter("token");
        if (token == null || token.isBlank()) {
            error(resp, 400, "invalid_request", "the form field token is required");
            return;
        }
        tokens.revokeToken(token.trim());
        write(resp, 200, Map.of());
    }

    private void answer(HttpServletResponse resp, EdgeSignIn.Outcome outcome) throws IOException {
        switch (outcome.status()) {
            case ISSUED -> {
                IssuedTokens t = outcome.tokens();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("access_token", t.accessToken());
                body.put("refresh_token", t.refreshToken());
                body.put("token_type", "Bearer");
                body.put("expires_in", Math.max(0, Duration.between(clock.instant(), t.expiresAt()).toSeconds()));
                write(resp, 200, body);
            }
            case BAD_CREDENTIALS -> {
                resp.setHeader("WWW-Authenticate", CHALLENGE);
                error(resp, 401, "invalid_grant", "wrong user name or password");
            }
            case SSO_REQUIRED -> error(resp, 403, "unauthorized_client",
                    "password sign-in is not allowed here; sign in with single sign-on");
            case RATE_LIMITED -> {
                long seconds = Math.max(1, (outcome.retryAfter().toMillis() + 999) / 1000);
                resp.setHeader("Retry-After", Long.toString(seconds));
                error(resp, 429, "too_many_requests", "too many sign-ins; try again in " + seconds + " s");
            }
            case INVALID_GRANT -> error(resp, 400, "invalid_grant", "the refresh token is invalid, expired or revoked");
        }
    }

    private static void error(HttpServletResponse resp, int status, String error, String description)
            throws IOException {
        write(resp, status, Map.of("error", error, "error_description", description));
    }

    private static void write(HttpServletResponse resp, int status, Map<String, ?> body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=UTF-8");
        byte[] bytes = JSON.writeValueAsBytes(body);
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    private static InetAddress source(HttpServletRequest req) {
        try {
            return InetAddress.getByName(req.getRemoteAddr()); // an IP literal: no name lookup
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress();
        }
    }

    private static int indexOf(char[] chars, char c) {
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
