package org.collabedge.http.rules;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Locale;

import org.collabedge.config.FieldError;
import org.collabedge.config.HostNames;
import org.collabedge.config.ValidationException;

/**
 * A rule's or a test's URL, {@code protocol://host[:port][/path]} as the seed defines it, read strictly: anything a
 * proxy and a back end could read differently (query, fragment, user info, dot or empty segments, encoded slashes or
 * NULs, bad escapes) is refused rather than guessed at.
 *
 * @param host    lower case, IPv6 literals without brackets and in the JDK's canonical form
 * @param port    explicit or the scheme's default (80, 443)
 * @param rawPath the path as written, "" when there is none
 * @param path    the decoded path the matcher compares, "/" when there is none
 */
public record RuleUrl(String scheme, String host, int port, String rawPath, String path) {

    private static final String PATH_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/%";

    public static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }

    /** Reads a URL, refusing it with an error against {@code field}. */
    public static RuleUrl parse(String text, String field) {
        if (text == null || text.isBlank()) {
            throw refuse(field, "error.required");
        }
        String t = text.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        String scheme = lower.startsWith("https://") ? "https" : lower.startsWith("http://") ? "http" : null;
        if (scheme == null) {
            throw refuse(field, "error.url_scheme", t);
        }
        String rest = t.substring(scheme.length() + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String rawPath = slash < 0 ? "" : rest.substring(slash);
        if (authority.indexOf('?') >= 0 || authority.indexOf('#') >= 0) {
            throw refuse(field, "error.url_path", t);
        }
        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw refuse(field, "error.url_host", t);
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw refuse(field, "error.url_host", t);
                }
                portText = after.substring(1);
            }
            if (!HostNames.isIpv6(host)) {
                throw refuse(field, "error.url_host", t);
            }
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
            if (!HostNames.isDnsName(host) && !HostNames.isIpv4(host)) {
                throw refuse(field, "error.url_host", t);
            }
        }
        int port = defaultPort(scheme);
        if (portText != null) {
            if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(portText) > 65535) {
                throw refuse(field, "error.url_port", t);
            }
            port = Integer.parseInt(portText);
        }
        String path = decodePath(rawPath);
        if (path == null) {
            throw refuse(field, "error.url_path", t);
        }
        return new RuleUrl(scheme, canonicalHost(host), port, rawPath, path.isEmpty() ? "/" : path);
    }

    /** Lower case; IPv6 literals in one canonical spelling so "::1" and "0:0:0:0:0:0:0:1" are the same host. */
    public static String canonicalHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.indexOf(':') >= 0 && HostNames.isIpv6(h)) {
            try {
                return InetAddress.getByName(h).getHostAddress(); // a literal: no DNS
            } catch (UnknownHostException e) {
                return h;
            }
        }
        return h;
    }

    public boolean hasPath() {
        return !rawPath.isEmpty();
    }

    /** Canonical text: lower-case scheme and host, the port only when it is not the default, the path as written. */
    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return scheme + "://" + h + (port == defaultPort(scheme) ? "" : ":" + port) + rawPath;
    }

    /** Decodes a path, or returns null when it is not one plain, unambiguous HTTP path. */
    static String decodePath(String raw) {
        if (raw.isEmpty()) {
            return "";
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (PATH_CHARS.indexOf(c) < 0) {
                return null;
            }
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                int b = hi << 4 | lo;
                if (hi < 0 || lo < 0 || b == '/' || b == '\\' || b < 0x20 || b == 0x7f) {
                    return null; // encoded separators and controls read differently on different servers
                }
                bytes.write(b);
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        String[] segments = decoded.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            boolean last = i == segments.length - 1;
            if (s.equals(".") || s.equals("..") || s.isEmpty() && !last) {
                return null;
            }
        }
        return decoded;
    }

    private static ValidationException refuse(String field, String key, Object... args) {
        return new ValidationException(new FieldError(field, key, args));
    }
}
