package org.collabedge.config;

import static org.collabedge.config.RefusalCheck.EN;
import static org.collabedge.config.RefusalCheck.OPENFIRE_PORTS;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How an edge settings change is refused: public host name, listen address, port ranges,
 * Openfire's reserved ports, listeners sharing a port, and the media port range.
 * Each refusal names the field and the problem and changes nothing ({@link RefusalCheck}).
 */
class EdgeSettingsValidationTest {

    @AutoClose
    private final RefusalCheck check = new RefusalCheck();
    private final ConfigService service = check.service();

    @Test
    void theDefaultsAreValid() {
        assertEquals(List.of(), service.validator().settings(EdgeSettings.defaults("edge.example.com")));
    }

    @Test
    void aBracketedIpv6ListenAddressIsAccepted() {
        service.saveSettings(with(s -> s.listenAddress = "[::]"));

        assertEquals("::", service.current().settings().listenAddress());
    }

    @Test
    void aPublicHostNameIsRequired() {
        refusedSettings(s -> s.publicHostName = null, "settings.publicHostName", "error.required");
        refusedSettings(s -> s.publicHostName = "  ", "settings.publicHostName", "error.required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"edge_1.example.com", "edge example.com", "https://edge.example.com"})
    void thePublicHostNameIsAHostNameOrAnAddress(String name) {
        refusedSettings(s -> s.publicHostName = name, "settings.publicHostName", "error.address");
    }

    @Test
    void publicHostNamesMayBeAddressesOrSingleLabels() {
        for (String name : List.of("192.0.2.10", "2001:db8::10", "edge")) {
            assertDoesNotThrow(() -> service.saveSettings(with(s -> s.publicHostName = name)), name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"edge.example.com", "any", "0.0.0.0:5061"})
    void theListenAddressIsAnIpLiteral(String address) {
        FieldError e = refusedSettings(s -> s.listenAddress = address, "settings.listenAddress",
                "error.ip_literal");

        assertTrue(e.describe(EN).startsWith("Listen address: '"), e.describe(EN));
        assertTrue(e.describe(EN).contains("is not an IP address (use 0.0.0.0 or :: for all addresses)"));
    }

    @Test
    void aMissingListenAddressIsRefusedToo() {
        refusedSettings(s -> s.listenAddress = null, "settings.listenAddress", "error.required");
        refusedSettings(s -> s.listenAddress = " ", "settings.listenAddress", "error.required");
    }

    @Test
    void everyPortFieldIsBetween1And65535EvenWhileItsListenerIsOff() {
        refusedSettings(s -> s.sipTlsPort = 0, "settings.sipTlsPort", "error.port_range");
        refusedSettings(s -> s.sipTcpPort = 65536, "settings.sipTcpPort", "error.port_range");
        refusedSettings(s -> s.sipUdpPort = -1, "settings.sipUdpPort", "error.port_range");
        refusedSettings(s -> s.sipWssPort = 70000, "settings.sipWssPort", "error.port_range");
        refusedSettings(s -> s.httpsPort = 0, "settings.httpsPort", "error.port_range");
        refusedSettings(s -> s.turnPort = 0, "settings.turnPort", "error.port_range");
        refusedSettings(s -> s.mediaPortMin = 0, "settings.mediaPortMin", "error.port_range");
        refusedSettings(s -> s.mediaPortMax = 65536, "settings.mediaPortMax", "error.port_range");
    }

    @Test
    void theReservedPortsAreOpenfiresWellKnownPorts() {
        Set<Integer> expected = new TreeSet<>();
        for (int port : OPENFIRE_PORTS) {
            expected.add(port);
        }
        assertEquals(expected, ReservedPorts.all().keySet());
        assertEquals("admin console", ReservedPorts.openfireUse(9090));
        assertEquals(null, ReservedPorts.openfireUse(8443));
    }

    @Test
    void noTcpListenerMayTakeAnOpenfirePort() {
        for (int port : OPENFIRE_PORTS) {
            String use = ReservedPorts.openfireUse(port);
            FieldError e = refusedSettings(s -> s.httpsPort = port, "settings.httpsPort", "error.port_openfire");
            assertEquals(List.of(port, use), e.args());
            assertEquals("HTTPS edge port: port " + port + " is used by Openfire (" + use
                    + "); choose another", e.describe(EN));

            refusedSettings(s -> s.sipTlsPort = port, "settings.sipTlsPort", "error.port_openfire");
            refusedSettings(s -> {
                s.sipTcpEnabled = true;
                s.sipTcpPort = port;
            }, "settings.sipTcpPort", "error.port_openfire");
            refusedSettings(s -> {
                s.sipWssEnabled = true;
                s.sipWssPort = port;
            }, "settings.sipWssPort", "error.port_openfire");
        }
    }

    @Test
    void datagramListenersMayNotTakeAnOpenfirePortEither() {
        refusedSettings(s -> {
            s.sipUdpEnabled = true;
            s.sipUdpPort = 5222;
        }, "settings.sipUdpPort", "error.port_openfire");
        refusedSettings(s -> {
            s.turnEnabled = true;
            s.turnPort = 7777;
        }, "settings.turnPort", "error.port_openfire");
    }

    @Test
    void aListenerThatIsOffMayKeepAnyPort() {
        assertDoesNotThrow(() -> service.saveSettings(with(s -> {
            s.sipTcpEnabled = false;
            s.sipTcpPort = 5222;
            s.sipWssEnabled = false;
            s.sipWssPort = 8443;
            s.turnEnabled = false;
            s.turnPort = 40000;
        })));
    }

    @Test
    void twoConnectionListenersCannotShareAPort() {
        FieldError e = refusedSettings(s -> s.httpsPort = 5061, "settings.httpsPort", "error.port_clash");

        assertEquals(List.of(5061, new FieldError.FieldRef("settings.sipTlsPort")), e.args());
        assertEquals("HTTPS edge port: port 5061 is already used by SIP TLS port", e.describe(EN));
        refusedSettings(s -> {
            s.sipTcpEnabled = true;
            s.sipTcpPort = 5061;
        }, "settings.sipTcpPort", "error.port_clash");
        refusedSettings(s -> {
            s.sipWssEnabled = true;
            s.sipWssPort = 8443;
        }, "settings.httpsPort", "error.port_clash");
    }

    @Test
    void twoDatagramListenersCannotShareAPort() {
        FieldError e = refusedSettings(s -> {
            s.sipUdpEnabled = true;
            s.sipUdpPort = 3478;
            s.turnEnabled = true;
        }, "settings.turnPort", "error.port_clash");

        assertEquals("TURN port: port 3478 is already used by SIP UDP port", e.describe(EN));
    }

    @Test
    void tcpAndUdpListenersMayShareAPortNumber() {
        assertDoesNotThrow(() -> service.saveSettings(with(s -> {
            s.sipTcpEnabled = true;
            s.sipUdpEnabled = true; // both 5060, as SIP is usually deployed
        })));
    }

    @Test
    void turnAlsoListensOnTcpSoItCannotShareAPortWithATcpListener() {
        refusedSettings(s -> {
            s.turnEnabled = true;
            s.turnPort = 8443;
        }, "settings.turnPort", "error.port_clash");
    }

    @Test
    void theMediaRangeStartsOnAnEvenPort() {
        FieldError e = refusedSettings(s -> s.mediaPortMin = 36001, "settings.mediaPortMin",
                "error.media_even");

        assertEquals("Media port range start: the range must start on an even port (RTP even, RTCP odd),"
                + " not 36001", e.describe(EN));
    }

    @Test
    void theMediaRangeHoldsAtLeastTwoRtpRtcpPairs() {
        FieldError e = refusedSettings(s -> {
            s.mediaPortMin = 40000;
            s.mediaPortMax = 40002;
        }, "settings.mediaPortMax", "error.media_range");
        assertEquals("Media port range end: the range 40000-40002 is too small: at least two RTP/RTCP pairs"
                + " are needed", e.describe(EN));

        refusedSettings(s -> {
            s.mediaPortMin = 50000;
            s.mediaPortMax = 40000;
        }, "settings.mediaPortMax", "error.media_range");
        assertDoesNotThrow(() -> service.saveSettings(with(s -> {
            s.mediaPortMin = 40000;
            s.mediaPortMax = 40003;
        })));
    }

    @Test
    void noDatagramListenerMayLieInsideTheMediaRange() {
        FieldError e = refusedSettings(s -> {
            s.sipUdpEnabled = true;
            s.sipUdpPort = 40000;
        }, "settings.sipUdpPort", "error.port_in_media_range");
        assertEquals("SIP UDP port: port 40000 lies inside the media port range 36000-59999", e.describe(EN));

        refusedSettings(s -> {
            s.turnEnabled = true;
            s.turnPort = 59999;
        }, "settings.turnPort", "error.port_in_media_range");
        assertDoesNotThrow(() -> service.saveSettings(with(s -> s.httpsPort = 40000)),
                "a TCP port inside the UDP media range is fine");
    }

    @Test
    void theMediaRangeMayNotIncludeOpenfirePorts() {
        ValidationException e = assertThrows(ValidationException.class, () -> service.saveSettings(with(s -> {
            s.mediaPortMin = 5000;
            s.mediaPortMax = 6000;
        })));

        List<FieldError> openfire = e.errors().stream()
                .filter(x -> x.problemKey().equals("error.media_range_openfire")).toList();
        assertEquals(List.of(5222, 5223, 5269, 5270, 5275, 5276),
                openfire.stream().map(x -> x.args().get(0)).toList());
        openfire.forEach(x -> assertEquals("settings.mediaPortMin", x.field()));
        assertEquals("Media port range start: the media range includes port 5222, which Openfire uses"
                + " (XMPP client)", openfire.get(0).describe(EN));
        refusedSettings(s -> {
            s.mediaPortMin = 7000;
            s.mediaPortMax = 7100;
        }, "settings.mediaPortMin", "error.media_range_openfire");
    }

    private FieldError refusedSettings(Consumer<SettingsDraft> edit, String field, String key) {
        return check.refused(() -> service.saveSettings(with(edit)), field, key);
    }

    private EdgeSettings with(Consumer<SettingsDraft> edit) {
        SettingsDraft draft = new SettingsDraft(service.current().settings());
        edit.accept(draft);
        return draft.build();
    }
}
