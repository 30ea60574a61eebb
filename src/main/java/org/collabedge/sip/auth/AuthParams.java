package org.collabedge.sip.auth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses the value of an Authorization or Proxy-Authorization header ourselves: the stack's typed header does not
 * cover RFC 8898's "Bearer token" form, and the raw text keeps both schemes in one place.
 */
public final class AuthParams {

    private AuthParams() {
    }

    /** The scheme, lower case ("digest", "bearer"), or empty for a blank value. */
    public static Optional<String> scheme(String value) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        int sp = v.indexOf(' ');
        return Optional.of((sp < 0 ? v : v.substring(0, sp)).toLowerCase(Locale.ROOT));
    }

    /** The credentials after the scheme, trimmed. */
    public static String rest(String value) {
        String v = value.trim();
        int sp = v.indexOf(' ');
        return sp < 0 ? "" : v.substring(sp + 1).trim();
    }

    /** name=value pairs, values optionally quoted with backslash escapes; names lower case. */
    public static Map<String, String> params(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && (text.charAt(i) == ',' || Character.isWhitespace(text.charAt(i)))) {
                i++;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = text.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (i < n && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(text.charAt(i++));
                }
                i++;
            } else {
                while (i < n && text.charAt(i) != ',') {
                    value.append(text.charAt(i++));
                }
            }
            out.put(name, value.toString().trim());
        }
        return out;
    }
}
