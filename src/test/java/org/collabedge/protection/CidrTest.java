package org.collabedge.protection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class CidrTest {

    private static Cidr cidr(String text) {
        return Cidr.parse(text).orElseThrow(() -> new AssertionError("refused " + text));
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void ipv4BlocksMatchTheirAddressesOnly() throws Exception {
        Cidr net = cidr("10.1.2.3/12");
        assertEquals("10.0.0.0/12", net.toString(), "host bits are cleared");
        assertTrue(net.contains(ip("10.15.255.255")));
        assertFalse(net.contains(ip("10.16.0.0")));
        assertTrue(cidr("0.0.0.0/0").contains(ip("198.51.100.4")));
        assertTrue(cidr("192.0.2.7").contains(ip("192.0.2.7")));
        assertFalse(cidr("192.0.2.7").contains(ip("192.0.2.8")));
        assertTrue(cidr("192.0.2.7").isSingleAddress());
    }

    @Test
    void ipv6BlocksMatchTheirAddressesAndNeverIpv4() throws Exception {
        Cidr net = cidr("2001:DB8::1/32");
        assertEquals("2001:db8:0:0:0:0:0:0/32", net.toString());
        assertTrue(net.contains(ip("2001:db8:ffff::1")));
        assertFalse(net.contains(ip("2001:db9::1")));
        assertTrue(cidr("2001:db8::/33").contains(ip("2001:db8:7fff::1")));
        assertFalse(cidr("2001:db8::/33").contains(ip("2001:db8:8000::1")));
        assertFalse(cidr("::/0").contains(ip("192.0.2.1")), "an IPv6 block says nothing of IPv4 addresses");
        assertFalse(cidr("0.0.0.0/0").contains(ip("::1")));
        assertEquals(cidr("::ffff:192.0.2.1"), cidr("192.0.2.1"), "an IPv4-mapped address is the IPv4 address");
    }

    /** The address a dual-stack socket may report as an IPv6 object: ::ffff:a.b.c.d, still an IPv4 client. */
    static InetAddress mapped(String ipv4) throws Exception {
        byte[] v4 = InetAddress.getByName(ipv4).getAddress();
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return java.net.Inet6Address.getByAddress(null, v6, -1);
    }

    @Test
    void ipv4MappedAddressesAndBlocksAreTheIpv4OnesTheyCarry() throws Exception {
        assertTrue(cidr("192.0.2.0/24").contains(mapped("192.0.2.9")), "an exemption or ban must not be dodged");
        assertFalse(cidr("192.0.2.0/24").contains(mapped("192.0.3.9")));
        assertEquals(cidr("10.0.0.0/8"), cidr("::ffff:10.0.0.0/104"), "an IPv6 prefix on a mapped address");
        assertEquals(cidr("192.0.2.7"), cidr("::ffff:192.0.2.7/128"));
        assertTrue(Cidr.parse("::ffff:192.0.2.0/24").isEmpty(),
                "an IPv6 /24 is not the IPv4 /24, and reaches beyond the mapped range");
    }

    @Test
    void namesAndMalformedTextAreRefusedWithoutAskingDns() {
        for (String bad : new String[] {"", " ", "example.com", "localhost", "10.0.0.0/33", "256.1.1.1",
                "10.0.0/8", "10.0.0.0/", "10.0.0.0/-1", "2001:db8::/129", "::g", "1.2.3.4/8/8", null}) {
            assertTrue(Cidr.parse(bad).isEmpty(), "accepted " + bad);
        }
    }
}
