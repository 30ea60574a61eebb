package org.collabedge.http.proxy;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

import org.collabedge.auth.PasswordCheck;
import org.collabedge.auth.TokenUse;
import org.collabedge.auth.TokenVerifier;
import org.collabedge.protection.AuthorizationRateControl;
import org.collabedge.protection.RateDecision;

/**
 * Establishes the edge identity of a proxied request from its {@code Authorization} header: HTTP Basic against the
 * directory (each attempt first counted by authorization rate control) or an edge bearer token. Never logs or
 * returns credentials.
 */
public final class EdgeAuthenticator {

    /** What the header proved. {@code user} is the claimed user for failures (null when none could be read). */
    public sealed interface Result {
    }

    public record Authenticated(String user) implements Result {
    }

    public record Missing() implements Result {
    }

    public record Failed(String user) implements Result {
    }

    public record RateLimited(String user, Duration retryAfter) implements Result {
    }

    private final PasswordCheck passwords;
    private final TokenVerifier tokens;
    private final AuthorizationRateControl rateControl;

    public EdgeAuthenticator(PasswordCheck passwords, TokenVerifier tokens, AuthorizationRateControl rateControl) {
        this.passwords = passwords;
        this.tokens = tokens;
        this.rateControl = rateControl;
    }

    /** @param authorization the request's Authorization header value, or null */
    public Result authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return new Missing();
        }
        int space = authorization.indexOf(' ');
        if (space <= 0) {
            return new Failed(null);
        }
        String scheme = authorization.substring(0, space).toLowerCase(Locale.ROOT);
        String credentials = authorization.substring(space + 1).trim();
        return switch (scheme) {
            case "basic" -> basic(credentials);
            case "bearer" -> tokens.verify(credentials, TokenUse.HTTP)
                    .<Result>map(t -> new Authenticated(t.user())).orElseGet(() -> new Failed(null));
            default -> new Failed(null);
        };
    }

    private Result basic(String encoded) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return new Failed(null);
        }
        char[] chars;
        try {
            CharBuffer buffer = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded));
            chars = new char[buffer.remaining()];
            buffer.get(chars);
        } catch (CharacterCodingException e) {
            return new Failed(null);
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
        try {
            int colon = indexOf(chars, ':');
            if (colon <= 0) {
                return new Failed(null);
            }
            String user = new String(chars, 0, colon);
            RateDecision rate = rateControl.authorize(user);
            if (!rate.allowed()) {
                return new RateLimited(user, rate.retryAfter());
            }
            char[] password = Arrays.copyOfRange(chars, colon + 1, chars.length);
            try {
                return passwords.check(user, password) ? new Authenticated(user) : new Failed(user);
            } finally {
                Arrays.fill(password, '\0');
            }
        } finally {
            Arrays.fill(chars, '\0');
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
