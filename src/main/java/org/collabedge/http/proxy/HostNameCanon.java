package org.collabedge.http.proxy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The one spelling of a target host the allow list matches on: a lower-case DNS name, a dotted-quad IPv4 address or
 * an IPv6 literal in Java's full form. Forms that resolvers read differently (userinfo@, trailing dot, percent or
 * zone ids, non-ASCII/IDN in Unicode, octal/hex/short IPv4 such as 0x7f.1 or 2130706433) are refused.
 */
final class HostNameCanon {

    private static final int MAX_NAME = 253;
    private static final int MAX_LABEL = 63;

    private HostNameCanon() {
    }

    /** @param raw the host segment exactly as in the request target (not decoded) */
    static String canonical(String raw) throws TargetRefused {
        if (raw.isEmpty()) {
            throw TargetRefused.bad("empty host");
        }
        if (raw.indexOf('%') >= 0 || raw.indexOf('@') >= 0) {
            throw TargetRefused.bad("percent or userinfo in host");
        }
        String host = raw;
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
            if (host.indexOf(':') < 0) {
                throw TargetRefused.bad("brackets around a non-IPv6 host");
            }
        }
        if (host.indexOf(':') >= 0) {
            return ipv6(host);
        }
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.length() > MAX_NAME) {
            throw TargetRefused.bad("host name too long");
        }
        // Label by label by index (no split per request).
        int lastLabel = 0;
        int labels = 0;
        for (int start = 0; ; ) {
            int dot = lower.indexOf('.', start);
            int end = dot < 0 ? lower.length() : dot;
            checkLabel(lower, start, end);
            labels++;
            if (dot < 0) {
                lastLabel = start;
                break;
            }
            start = dot + 1;
        }
        // A name whose last label is numeric is an address: only the strict dotted quad is accepted.
        if (allDigits(lower, lastLabel, lower.length())) {
            return ipv4(lower, labels);
        }
        return lower;
    }

    private static void checkLabel(String name, int start, int end) throws TargetRefused {
        if (end == start) {
            throw TargetRefused.bad("empty label or trailing dot in host");
        }
        if (end - start > MAX_LABEL || name.charAt(start) == '-' || name.charAt(end - 1) == '-') {
            throw TargetRefused.bad("invalid host label");
        }
        for (int i = start; i < end; i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                throw TargetRefused.bad("invalid character in host");
            }
        }
    }

    /** Labels are [a-z0-9-] by now, so ASCII digits are all the digits there are. */
    private static boolean allDigits(String name, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** @param dotted the labels joined as they came, which is the canonical form once they pass */
    private static String ipv4(String dotted, int labels) throws TargetRefused {
        if (labels != 4) {
            throw TargetRefused.bad("IPv4 address not in dotted-quad form");
        }
        for (int start = 0; start < dotted.length(); ) {
            int dot = dotted.indexOf('.', start);
            int end = dot < 0 ? dotted.length() : dot;
            if (end - start > 3 || !allDigits(dotted, start, end)
                    || (end - start > 1 && dotted.charAt(start) == '0')
                    || Integer.parseInt(dotted, start, end, 10) > 255) {
                throw TargetRefused.bad("IPv4 address not in dotted-quad form");
            }
            start = end + 1;
        }
        return dotted;
    }

    private static String ipv6(String literal) throws TargetRefused {
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (!(Character.digit(c, 16) >= 0 && c < 0x80) && c != ':' && c != '.') {
                throw TargetRefused.bad("invalid IPv6 literal");
            }
        }
        try {
            // A literal containing ':' is parsed, never looked up.
            InetAddress address = InetAddress.getByName("[" + literal + "]");
            if (!(address instanceof Inet6Address)) {
                // IPv4-mapped literals (::ffff:a.b.c.d) come back as IPv4: one more spelling of an IPv4 host.
                throw TargetRefused.bad("IPv4-mapped IPv6 literal");
            }
            return address.getHostAddress();
        } catch (UnknownHostException e) {
            throw TargetRefused.bad("invalid IPv6 literal");
        }
    }
}
