package org.collabedge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostNamesTest {

    private static final String LABEL_63 = "a".repeat(63);
    private static final String LABEL_64 = "a".repeat(64);

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "EDGE.Example.COM", "example.com.", "localhost", "ex--ample.com",
            "a1.b2.c3", "123.example.com", "xn--bcher-kva.example"})
    void acceptsDnsNames(String name) {
        assertTrue(HostNames.isDnsName(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "a..b", ".example.com", "example.com..", "-edge.example.com",
            "edge-.example.com", "_sip._tls.example.com", "under_score.example.com", "exa mple.com",
            "edge.example.com/", "ed\u00e9ge.example.com", "192.0.2.1", "2001:db8::1"})
    void refusesWhatIsNotADnsName(String name) {
        assertFalse(HostNames.isDnsName(name), name);
    }

    @Test
    void nullIsNothing() {
        assertFalse(HostNames.isDnsName(null));
        assertFalse(HostNames.isFqdn(null));
        assertFalse(HostNames.isIpv4(null));
        assertFalse(HostNames.isIpv6(null));
        assertFalse(HostNames.isIpLiteral(null));
    }

    @Test
    void labelsMayHave63CharactersButNot64() {
        assertTrue(HostNames.isDnsName(LABEL_63 + ".example.com"));
        assertTrue(HostNames.isFqdn(LABEL_63 + ".example.com"));
        assertFalse(HostNames.isDnsName(LABEL_64 + ".example.com"));
        assertFalse(HostNames.isDnsName("edge." + LABEL_64));
    }

    @Test
    void namesMayHave253CharactersButNot254() {
        String name253 = LABEL_63 + "." + LABEL_63 + "." + LABEL_63 + "." + "a".repeat(61);
        assertEquals(253, name253.length());

        assertTrue(HostNames.isDnsName(name253));
        assertFalse(HostNames.isDnsName(name253 + "a"));
    }

    @Test
    void theTrailingDotDoesNotCountTowardsTheLengthLimit() {
        String name253 = LABEL_63 + "." + LABEL_63 + "." + LABEL_63 + "." + "a".repeat(61);

        assertTrue(HostNames.isDnsName(name253 + "."));
    }

    @Test
    void anFqdnHasAtLeastTwoLabelsAndATopLevelLabelThatIsNotAllDigits() {
        assertTrue(HostNames.isFqdn("example.com"));
        assertTrue(HostNames.isFqdn("example.com."), "trailing dot");
        assertTrue(HostNames.isFqdn("CUCM.Example.COM"));
        assertTrue(HostNames.isFqdn("123.example.com"), "digits are fine below the top level");
        assertTrue(HostNames.isFqdn("example.c0m"), "a top-level label that merely contains digits");

        assertFalse(HostNames.isFqdn("localhost"), "single label");
        assertFalse(HostNames.isFqdn("localhost."), "single label with a trailing dot");
        assertFalse(HostNames.isFqdn("example.123"), "all-numeric TLD");
        assertFalse(HostNames.isFqdn("256.1.1.1"), "looks like an address, is not one, and has a numeric TLD");
        assertFalse(HostNames.isFqdn("192.0.2.1"), "IPv4 literal");
        assertFalse(HostNames.isFqdn("2001:db8::1"), "IPv6 literal");
        assertFalse(HostNames.isFqdn("_sip._tls.example.com"), "underscores");
    }

    @Test
    void ipv4LiteralsAreFourDecimalOctets() {
        assertTrue(HostNames.isIpv4("192.0.2.1"));
        assertTrue(HostNames.isIpv4("0.0.0.0"));
        assertTrue(HostNames.isIpv4("255.255.255.255"));

        assertFalse(HostNames.isIpv4("256.1.1.1"));
        assertFalse(HostNames.isIpv4("192.0.2"));
        assertFalse(HostNames.isIpv4("192.0.2.1.5"));
        assertFalse(HostNames.isIpv4("01.2.3.4"), "leading zeros are ambiguous (octal in some parsers)");
        assertFalse(HostNames.isIpv4(" 192.0.2.1"));
        assertFalse(HostNames.isIpv4("example.com"));
    }

    @Test
    void ipv6LiteralsAreWrittenWithoutBrackets() {
        assertTrue(HostNames.isIpv6("2001:db8::1"));
        assertTrue(HostNames.isIpv6("2001:DB8:0:0:0:0:0:1"));
        assertTrue(HostNames.isIpv6("::"));
        assertTrue(HostNames.isIpv6("::1"));
        assertTrue(HostNames.isIpv6("fe80::1"));

        assertFalse(HostNames.isIpv6("[2001:db8::1]"), "brackets belong to URIs, not to the literal");
        assertFalse(HostNames.isIpv6("2001:db8::1::2"), "two '::'");
        assertFalse(HostNames.isIpv6("2001:db8:0:0:0:0:0:0:1"), "nine groups");
        assertFalse(HostNames.isIpv6("12345::1"), "group of five digits");
        assertFalse(HostNames.isIpv6("fe80::1%eth0"), "zone ids are not configuration");
        assertFalse(HostNames.isIpv6("192.0.2.1"));
        assertFalse(HostNames.isIpv6("example.com"));
        assertFalse(HostNames.isIpv6("edge:5061"), "host:port is not an address");
    }

    @Test
    void ipv4MappedIpv6LiteralsAreIpv6Literals() {
        assertTrue(HostNames.isIpv6("::ffff:192.0.2.1"));
        assertTrue(HostNames.isIpLiteral("::ffff:192.0.2.1"));
    }

    @Test
    void ipLiteralIsEitherFamily() {
        assertTrue(HostNames.isIpLiteral("192.0.2.1"));
        assertTrue(HostNames.isIpLiteral("2001:db8::1"));
        assertFalse(HostNames.isIpLiteral("edge.example.com"));
        assertFalse(HostNames.isIpLiteral(""));
    }

    @Test
    void normaliseLowersTheCaseAndDropsTheTrailingDotAndBlanks() {
        assertEquals("edge.example.com", HostNames.normalise("  Edge.Example.COM.  "));
        assertEquals("example.com", HostNames.normalise("example.com"));
        assertEquals("", HostNames.normalise("   "));
    }

    @Test
    void onlyStringsTheJdkParsesAsLiteralsCountAsIpv6() {
        assertFalse(HostNames.isIpv6(".1:2"), "would make the JDK try DNS");
        assertTrue(HostNames.isIpv6("::1"));
        assertTrue(HostNames.sameAddress("2001:db8::5", "2001:0DB8:0:0:0:0:0:5"));
        assertFalse(HostNames.sameAddress("2001:db8::5", "2001:db8::6"));
        assertTrue(HostNames.sameAddress("Edge.Example.com", "edge.example.com"));
        assertEquals("::1", HostNames.unbracket(" [::1] "));
    }
}
