package org.collabedge.protection;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An address block written as an address ({@code 192.0.2.7}, {@code 2001:db8::1}) or a CIDR prefix
 * ({@code 10.0.0.0/8}, {@code 2001:db8::/32}). Only literals are accepted, so parsing never asks DNS.
 */
public final class Cidr {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
        this.text = canonical(network, prefix);
    }

    /** Parses an address or block; empty when the text is neither (a host name included). */
    public static Optional<Cidr> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.trim();
        int slash = t.indexOf('/');
        String addressPart = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes = literal(addressPart);
        if (bytes == null) {
            return Optional.empty();
        }
        int bits = bytes.length * 8;
        // ::ffff:a.b.c.d comes back as its IPv4 address: its prefix counts IPv6 bits, 96 of them the mapping's own.
        int mappedBits = bytes.length == 4 && addressPart.indexOf(':') >= 0 ? 96 : 0;
        int prefix = bits;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (!p.matches("\\d{1,3}")) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(p) - mappedBits;
            if (prefix > bits || prefix < 0) {
                return Optional.empty(); // a mapped block shorter than /96 reaches beyond the mapped range
            }
        }
        return Optional.of(new Cidr(mask(bytes, prefix), prefix));
    }

    /** Whether the address lies in this block; IPv4 and IPv6 blocks never match each other's addresses. */
    public boolean contains(InetAddress address) {
        byte[] a = unmapped(address).getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int m = (0xff << (8 - rest)) & 0xff;
        return (a[full] & m) == (network[full] & 0xff);
    }

    /**
     * The IPv4 address an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) carries, else the address itself. The JDK
     * turns mapped literals into IPv4 addresses, but {@code Inet6Address.getByAddress} and some socket layers keep the
     * IPv6 form: bans, exemptions and counters must see one client either way.
     */
    public static InetAddress unmapped(InetAddress address) {
        if (!(address instanceof java.net.Inet6Address)) {
            return address;
        }
        byte[] b = address.getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return address;
            }
        }
        if (b[10] != (byte) 0xff || b[11] != (byte) 0xff) {
            return address;
        }
        try {
            return InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen: 4 bytes
        }
    }

    public boolean isSingleAddress() {
        return prefix == network.length * 8;
    }

    /** The normal form: host bits cleared, IPv6 in the JDK's uncompressed form, no prefix for a single address. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    private static byte[] literal(String s) {
        boolean v4 = IPV4.matcher(s).matches();
        if (!v4 && !(s.indexOf(':') >= 0 && IPV6.matcher(s).matches())) {
            return null; // a host name or garbage: InetAddress would resolve it
        }
        if (v4) {
            for (String part : s.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return null;
                }
            }
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & ((0xff << (8 - keep)) & 0xff));
        }
        return out;
    }

    private static String canonical(byte[] network, int prefix) {
        try {
            String address = InetAddress.getByAddress(network).getHostAddress().toLowerCase(Locale.ROOT);
            return prefix == network.length * 8 ? address : address + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen: 4 or 16 bytes
        }
    }
}
