package org.collabedge.openfire;

import java.nio.charset.StandardCharsets;

/**
 * Turns document and secret names into one segment of a JiveGlobals property name, and back.
 *
 * <p>JiveGlobals.deleteProperty deletes a property <em>and all its children</em> ({@code name.*}, see
 * JiveProperties#remove), so a name with a dot could make deleting one document's chunk delete another document.
 * Letters, digits, '-' and '_' stay as they are; every other byte of the UTF-8 form becomes {@code ~XX} (hex), so
 * an escaped name never contains a dot and the mapping is reversible.
 */
final class PropertyNames {

    private PropertyNames() {
    }

    static String escape(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        StringBuilder out = new StringBuilder(name.length());
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
                out.append((char) c);
            } else {
                out.append('~').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** The name an escaped segment stands for, or null when the segment is not one {@link #escape} makes. */
    static String unescape(String segment) {
        if (segment == null || segment.isEmpty()) {
            return null;
        }
        byte[] bytes = new byte[segment.length()];
        int n = 0;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '~') {
                if (i + 2 >= segment.length()) {
                    return null;
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes[n++] = (byte) ((hi << 4) | lo);
                i += 2;
            } else if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
                bytes[n++] = (byte) c;
            } else {
                return null;
            }
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }
}
