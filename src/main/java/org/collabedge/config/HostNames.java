package org.collabedge.config;

import java.util.Locale;
import java.util.regex.Pattern;

/** Syntax checks for names and addresses, without touching DNS. */
public final class HostNames {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

    private HostNames() {
    }

    /** A DNS name of one or more labels (letters, digits, hyphens), 253 characters at most. */
    public static boolean isDnsName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1); // the absolute form's dot does not count towards 253
        }
        if (n.isEmpty() || n.length() > 253) {
            return false;
        }
        for (String label : n.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return !IPV4.matcher(n).matches();
    }

    /** A fully qualified domain name: a DNS name with at least two labels whose last is not all digits. */
    public static boolean isFqdn(String name) {
        if (!isDnsName(name)) {
            return false;
        }
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        int dot = n.lastIndexOf('.');
        return dot > 0 && !n.substring(dot + 1).chars().allMatch(Character::isDigit);
    }

    public static boolean isIpv4(String address) {
        return address != null && IPV4.matcher(address).matches();
    }

    /** An IPv6 literal, without brackets. */
    public static boolean isIpv6(String address) {
        if (address == null || address.indexOf(':') < 0 || !IPV6_CHARS.matcher(address).matches()
                || Character.digit(address.charAt(0), 16) < 0 && address.charAt(0) != ':') {
            return false; // only strings the JDK parses as a literal, so getByName never asks DNS
        }
        try {
            // Parsing a literal never touches DNS. IPv4-mapped literals (::ffff:192.0.2.1) come back as
            // Inet4Address but are still written as IPv6, so any successful parse counts.
            java.net.InetAddress.getByName(address);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    public static boolean isIpLiteral(String address) {
        return isIpv4(address) || isIpv6(address);
    }

    /** Two addresses name the same host: equal names, or IP literals of one address however written. */
    public static boolean sameAddress(String a, String b) {
        if (a.equalsIgnoreCase(b)) {
            return true;
        }
        if (!isIpLiteral(a) || !isIpLiteral(b)) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(a).equals(java.net.InetAddress.getByName(b));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** An address as typed, without the brackets an IPv6 literal may be written in. */
    public static String unbracket(String address) {
        String a = address.trim();
        return a.startsWith("[") && a.endsWith("]") ? a.substring(1, a.length() - 1) : a;
    }

    /** Canonical form kept in the configuration: lower case, no trailing dot. */
    public static String normalise(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
