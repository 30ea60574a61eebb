package org.collabedge.http.proxy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict decoding and canonical encoding of one path segment. Anything two servers could read differently is
 * refused rather than repaired: a decoded slash, backslash, dot, semicolon, percent (double encoding), control byte
 * or invalid/overlong UTF-8. What is left decodes to exactly one string, and {@link #encode} writes that string
 * back in one canonical spelling, so the allow list and the backend see the same path.
 */
final class PathSegments {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathSegments() {
    }

    /** Decodes a raw segment as sent (no '/' in it); refuses every ambiguous form. */
    static String decode(String raw) throws TargetRefused {
        String decoded = raw.indexOf('%') < 0 ? unescaped(raw) : escaped(raw);
        if (decoded.equals(".") || decoded.equals("..")) {
            throw TargetRefused.bad("dot segment");
        }
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            // C1 controls and the BOM/specials are never part of a sane path.
            if ((c >= 0x80 && c < 0xa0) || c == 0xfeff || c == 0xfffd) {
                throw TargetRefused.bad("control character");
            }
        }
        return decoded;
    }

    /** A segment without escapes: the same checks as below, and printable ASCII decodes to itself. */
    private static String unescaped(String raw) throws TargetRefused {
        for (int i = 0; i < raw.length(); i++) {
            refuseRaw(raw.charAt(i));
        }
        return raw;
    }

    private static void refuseRaw(char c) throws TargetRefused {
        if (c <= 0x20 || c >= 0x7f) {
            throw TargetRefused.bad("raw control, space or non-ASCII character");
        } else if (c == '\\') {
            throw TargetRefused.bad("backslash");
        } else if (c == ';') {
            throw TargetRefused.bad("path parameter");
        }
    }

    private static String escaped(String raw) throws TargetRefused {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || !isAsciiHex(raw.charAt(i + 1)) || !isAsciiHex(raw.charAt(i + 2))) {
                    throw TargetRefused.bad("invalid percent-escape");
                }
                int b = Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16);
                if (b < 0x20 || b == 0x7f) {
                    throw TargetRefused.bad("encoded control character");
                }
                switch (b) {
                    case '/', '\\' -> throw TargetRefused.bad("encoded slash or backslash");
                    case '.' -> throw TargetRefused.bad("encoded dot");
                    case ';' -> throw TargetRefused.bad("encoded semicolon");
                    case '%' -> throw TargetRefused.bad("double encoding");
                    default -> bytes.write(b);
                }
                i += 2;
            } else {
                refuseRaw(c);
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw TargetRefused.bad("invalid or overlong UTF-8");
        }
    }

    private static boolean isAsciiHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Percent-encodes a decoded segment: RFC 3986 unreserved and a few safe sub-delims stay literal. */
    static String encode(String segment) {
        if (isCanonical(segment, false)) {
            return segment; // nothing to escape: the common case, no copy
        }
        StringBuilder out = new StringBuilder(segment.length() + 8);
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (literal(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** Whether {@link #encode} leaves every character as it is ({@code slashes}: '/' between segments too). */
    static boolean isCanonical(String text, boolean slashes) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(literal(c) || slashes && c == '/')) {
                return false;
            }
        }
        return true;
    }

    private static boolean literal(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c < 0x80 && "-._~!$&'()*+,=:@".indexOf(c) >= 0;
    }
}
