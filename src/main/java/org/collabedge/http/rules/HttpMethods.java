package org.collabedge.http.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The HTTP methods a rule may allow, and their bit masks: the matcher tests a method against a rule with one AND, so
 * the request path never builds a set.
 */
public final class HttpMethods {

    /** In the order the pages show them. */
    public static final List<String> ALL = List.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH");

    private HttpMethods() {
    }

    public static boolean isKnown(String method) {
        return ALL.contains(method);
    }

    /** Bit of one method, 0 for an unknown one (which no rule allows). */
    public static int bit(String method) {
        return switch (method) {
            case "GET" -> 1;
            case "POST" -> 2;
            case "PUT" -> 4;
            case "DELETE" -> 8;
            case "HEAD" -> 16;
            case "OPTIONS" -> 32;
            case "PATCH" -> 64;
            default -> 0;
        };
    }

    public static int mask(Iterable<String> methods) {
        int m = 0;
        for (String method : methods) {
            m |= bit(method);
        }
        return m;
    }

    /** Known methods, upper-cased, de-duplicated and in page order. */
    public static List<String> normalise(Iterable<String> methods) {
        Set<String> wanted = new java.util.HashSet<>();
        for (String m : methods) {
            wanted.add(m.trim().toUpperCase(Locale.ROOT));
        }
        List<String> out = new ArrayList<>();
        for (String m : ALL) {
            if (wanted.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }
}
