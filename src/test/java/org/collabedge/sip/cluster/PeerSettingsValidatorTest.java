package org.collabedge.sip.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.collabedge.config.EdgeSettings;
import org.collabedge.config.FieldError;
import org.junit.jupiter.api.Test;

class PeerSettingsValidatorTest {

    private final PeerSettingsValidator validator = new PeerSettingsValidator();
    private final EdgeSettings edge = EdgeSettings.defaults("edge.example.com");

    @Test
    void automaticAddressAndAnyFreePortAreTheDefaultAndValid() {
        assertTrue(validator.check(PeerSettings.defaults(), edge).isEmpty());
        assertTrue(validator.check(new PeerSettings("10.0.0.5", 5071), edge).isEmpty());
        assertTrue(validator.check(new PeerSettings("[fd00::5]", 5071), edge).isEmpty());
        assertTrue(validator.check(new PeerSettings("0.0.0.0", 0), edge).isEmpty());
    }

    @Test
    void aHostNameIsNotABindAddress() {
        List<FieldError> errors = validator.check(new PeerSettings("peer.example.com", 0), edge);
        assertEquals(1, errors.size());
        assertEquals(PeerSettingsValidator.ADDRESS, errors.get(0).field());
        assertEquals("error.sip.peer_address", errors.get(0).problemKey());
    }

    @Test
    void portsOutOfRangeOrTakenAreRefusedNamingTheirUser() {
        assertEquals("error.sip.peer_port", validator.check(new PeerSettings("", 70000), edge).get(0).problemKey());
        assertEquals("error.sip.peer_port", validator.check(new PeerSettings("", -1), edge).get(0).problemKey());
        FieldError openfire = validator.check(new PeerSettings("", 9090), edge).get(0);
        assertEquals(PeerSettingsValidator.PORT, openfire.field());
        assertEquals(List.of(9090, "admin console"), openfire.args());
        FieldError sip = validator.check(new PeerSettings("", edge.sipTlsPort()), edge).get(0);
        assertEquals(List.of(edge.sipTlsPort(), "SIP"), sip.args());
        FieldError https = validator.check(new PeerSettings("", edge.httpsPort()), edge).get(0);
        assertEquals(List.of(edge.httpsPort(), "HTTPS"), https.args());
    }

    @Test
    void theAdvertisedAddressIsReadStrictly() {
        assertEquals("TLS:10.0.0.5:5071", PeerAddress.parse("tls:10.0.0.5:5071").orElseThrow().key());
        assertEquals("TLS:fd00::5:5071", PeerAddress.parse("tls:[fd00::5]:5071").orElseThrow().key());
        assertTrue(PeerAddress.parse("tcp:10.0.0.5:5071").isEmpty(), "only TLS between nodes");
        assertTrue(PeerAddress.parse("tls:10.0.0.5:0").isEmpty());
        assertTrue(PeerAddress.parse("tls:10.0.0.5").isEmpty());
        assertTrue(PeerAddress.parse("garbage").isEmpty());
        assertTrue(PeerAddress.same(new org.collabedge.sip.transport.Flow("TLS", "fd00:0:0:0:0:0:0:5", 5071),
                PeerAddress.parse("tls:[fd00::5]:5071").orElseThrow()), "IPv6 spellings compare as addresses");
    }

    @Test
    void theBindAddressPrefersTheConfiguredThenTheListenAddress() {
        EdgeSettings listening = new EdgeSettings("edge.example.com", "192.0.2.10", true, 5061, false, 5060, false,
                5060, false, 7444, 8443, 36000, 59999, false, 3478);
        assertEquals("10.0.0.5", SipCluster.bindAddress(new PeerSettings("10.0.0.5", 0), listening));
        assertEquals("192.0.2.10", SipCluster.bindAddress(PeerSettings.defaults(), listening));
        String auto = SipCluster.bindAddress(PeerSettings.defaults(), edge);
        assertTrue(!auto.equals("0.0.0.0") && !auto.isEmpty(), "never the wildcard when it can do better: " + auto);
    }
}
