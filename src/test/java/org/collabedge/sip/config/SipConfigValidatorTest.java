package org.collabedge.sip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.collabedge.config.Deployment;
import org.collabedge.config.Domain;
import org.collabedge.config.EdgeConfig;
import org.collabedge.config.EdgeSettings;
import org.collabedge.config.FieldError;
import org.collabedge.config.Transport;
import org.collabedge.i18n.Messages;
import org.junit.jupiter.api.Test;

/** Every SIP setting and static route the admin can get wrong is refused with its field and the problem named. */
class SipConfigValidatorTest {

    private final SipConfigValidator validator = new SipConfigValidator();

    private static SipSettings settings(List<String> algorithms, int min, int max, int def, int flow) {
        return new SipSettings(RegistrationMode.PATH, false, algorithms, true, min, max, def, flow);
    }

    private static String described(List<FieldError> errors) {
        return String.join(" | ", errors.stream().map(e -> e.describe(Messages.english())).toList());
    }

    @Test
    void theDefaultsAreValid() {
        assertEquals(List.of(), validator.settings(SipSettings.defaults()));
    }

    @Test
    void expiriesMustBeInRangeAndOrdered() {
        assertEquals("Minimum registration expiry (seconds): 30 is outside the allowed range 60-86400",
                described(validator.settings(settings(List.of("MD5"), 30, 3600, 3600, 20))));
        assertEquals("Maximum registration expiry (seconds): 86401 is outside the allowed range 60-86400",
                described(validator.settings(settings(List.of("MD5"), 60, 86401, 3600, 20))));
        assertEquals("Maximum registration expiry (seconds): must not be below Minimum registration expiry "
                        + "(seconds) (600)",
                described(validator.settings(settings(List.of("MD5"), 600, 300, 300, 20))));
        assertEquals("Default registration expiry (seconds): must lie between the minimum (600) and the maximum "
                + "(3600)", described(validator.settings(settings(List.of("MD5"), 600, 3600, 120, 20))));
        assertEquals(List.of(), validator.settings(settings(List.of("MD5"), 60, 60, 60, 10)), "min = default = max");
    }

    @Test
    void theFlowTimerMustComeBeforeTheUsualRegistrationLapses() {
        assertTrue(validator.settings(settings(List.of("MD5"), 60, 3600, 3600, 5)).get(0).problemKey()
                .equals("error.sip.range"));
        assertEquals("error.sip.flow_timer_expires",
                validator.settings(settings(List.of("MD5"), 60, 3600, 100, 120)).get(0).problemKey());
    }

    @Test
    void digestAlgorithmsAreANonEmptySubsetWithoutRepeats() {
        assertEquals("Digest algorithms (preference order): at least one digest algorithm is required",
                described(validator.settings(settings(List.of(), 60, 3600, 3600, 30))));
        assertEquals("Digest algorithms (preference order): 'SHA-512' is not a supported digest algorithm "
                + "(SHA-256, MD5)", described(validator.settings(settings(List.of("SHA-512"), 60, 3600, 3600, 30))));
        assertEquals("error.duplicate",
                validator.settings(settings(List.of("MD5", "MD5"), 60, 3600, 3600, 30)).get(0).problemKey());
        assertEquals(List.of(), validator.settings(settings(List.of("MD5", "SHA-256"), 60, 3600, 3600, 30)));
    }

    private static StaticRoute route(String id, String pattern, String host, int port, Transport t, boolean verify) {
        return new StaticRoute(id, pattern, host, port, t, verify, null);
    }

    private List<FieldError> check(StaticRoute r, StaticRoute... existing) {
        return validator.route(r, new SipConfig(SipSettings.defaults(), List.of(existing)));
    }

    @Test
    void aRouteWithoutPortIsResolvedThroughSrvWhichOnlyAHostNameHas() {
        assertEquals(List.of(), check(route("a", "*@contoso.com", "contoso.com", SipConfigValidator.DNS_PORT,
                Transport.TLS, true)));
        assertEquals("Port: an IP address has no SRV records: give a port for 192.0.2.7",
                described(check(route("a", "*@contoso.com", "192.0.2.7", SipConfigValidator.DNS_PORT,
                        Transport.TCP, false))));
        assertEquals("error.port_range", check(route("a", "*@contoso.com", "contoso.com", -1, Transport.TCP,
                false)).get(0).problemKey());
    }

    @Test
    void aRoutePatternIsAWildcardOrOneUserAtAValidDomain() {
        assertEquals(List.of(), check(route("a", "*@contoso.com", "fe.contoso.com", 5061, Transport.TLS, true)));
        assertEquals(List.of(), check(route("a", "alice.smith@contoso.com", "fe.contoso.com", 5061,
                Transport.TLS, true)));
        for (String bad : new String[] {"contoso.com", "@contoso.com", "a*@contoso.com", "al ice@contoso.com",
                "**@contoso.com"}) {
            assertEquals("error.sip.pattern", check(route("a", bad, "fe.contoso.com", 5061, Transport.TCP, false))
                    .get(0).problemKey(), bad);
        }
        assertEquals("Pattern: 'localhost' is not a valid domain name (letters, digits and hyphens in dot-separated "
                        + "labels, such as example.com)",
                described(check(route("a", "*@localhost", "fe.contoso.com", 5061, Transport.TCP, false))));
    }

    @Test
    void tlsVerificationNeedsAnFqdnNextHopLikeTheLcsRoutingTabSays() {
        assertEquals("Next hop: '10.1.2.3' is not a fully qualified domain name; one is required while TLS verify "
                        + "mode is on, because the certificate must name the server",
                described(check(route("a", "*@contoso.com", "10.1.2.3", 5061, Transport.TLS, true))));
        assertEquals(List.of(), check(route("a", "*@contoso.com", "10.1.2.3", 5061, Transport.TLS, false)));
        assertEquals(List.of(), check(route("a", "*@contoso.com", "10.1.2.3", 5060, Transport.TCP, true)),
                "verification only applies to TLS");
        assertEquals("error.address", check(route("a", "*@contoso.com", "fe_01.contoso", 5061, Transport.TCP,
                false)).get(0).problemKey());
    }

    @Test
    void portTransportAndDuplicatesAreChecked() {
        assertEquals("Port: 65536 is not a port number between 1 and 65535",
                described(check(route("a", "*@contoso.com", "fe.contoso.com", 65536, Transport.TCP, false))));
        assertEquals("Transport: HTTPS is not a SIP transport for a static route (TLS, TCP or UDP)",
                described(check(route("a", "*@contoso.com", "fe.contoso.com", 443, Transport.HTTPS, false))));
        StaticRoute existing = route("x", "*@contoso.com", "fe.contoso.com", 5061, Transport.TLS, true);
        assertEquals("Pattern: '*@CONTOSO.com' already exists",
                described(check(route("a", "*@CONTOSO.com", "b.contoso.com", 5061, Transport.TLS, true), existing)));
        assertEquals(List.of(), check(route("x", "*@contoso.com", "b.contoso.com", 5061, Transport.TLS, true),
                existing), "a route may keep its own pattern when edited");
    }

    @Test
    void aRouteForADomainTheEdgeDoesNotServeIsOnlyAWarning() {
        EdgeConfig foundation = new EdgeConfig(List.of(new Deployment(Deployment.DEFAULT_ID, "Default")),
                List.of(new Domain("example.com", true, false, false, false, Deployment.DEFAULT_ID)), List.of(),
                EdgeSettings.defaults("edge.example.com"));
        assertEquals(List.of(), validator.routeWarnings(route("a", "bob@example.com", "pbx.example.com", 5061,
                Transport.TLS, true), foundation));
        assertEquals("Pattern: domain contoso.com is not configured on the Domains page",
                described(validator.routeWarnings(route("a", "*@contoso.com", "fe.contoso.com", 5061,
                        Transport.TLS, true), foundation)));
    }

    @Test
    void webSocketOriginsAreSerializedWebOriginsWithoutRepeats() {
        SipSettings good = SipSettings.defaults().withAllowedWebSocketOrigins(List.of("https://phone.example.com",
                "https://phone.example.com:8443", "http://localhost:8080"));
        assertEquals(List.of(), validator.settings(good));
        assertEquals("Allowed WebSocket origins: 'https://phone.example.com/app' is not a web origin: write "
                        + "https://host or https://host:port, without a path",
                described(validator.settings(SipSettings.defaults()
                        .withAllowedWebSocketOrigins(List.of("https://phone.example.com/app")))));
        for (String bad : List.of("phone.example.com", "ftp://phone.example.com", "https://user@phone.example.com",
                "https://phone.example.com?x=1", "null", "*", "https://")) {
            assertEquals("error.sip.origin", validator.settings(SipSettings.defaults()
                    .withAllowedWebSocketOrigins(List.of(bad))).get(0).problemKey(), bad);
        }
        assertEquals("Allowed WebSocket origins: 'https://phone.example.com' already exists",
                described(validator.settings(SipSettings.defaults().withAllowedWebSocketOrigins(
                        List.of("https://phone.example.com", "HTTPS://Phone.example.com:443")))),
                "the same origin written twice");
        List<String> many = java.util.stream.IntStream.range(0, SipConfigValidator.MAX_ORIGINS + 1)
                .mapToObj(i -> "https://p" + i + ".example.com").toList();
        assertEquals("error.sip.too_many_origins",
                validator.settings(SipSettings.defaults().withAllowedWebSocketOrigins(many)).get(0).problemKey());
    }

    @Test
    void aDocumentStoredBeforeTheOriginSettingReadsAsNoOrigins() {
        org.collabedge.config.DocumentCodec<SipConfig> codec =
                new org.collabedge.config.DocumentCodec<>(SipConfig.class, 1);
        String stored = codec.write(SipConfig.defaults()).replaceAll(",\\s*\"allowedWebSocketOrigins\"\\s*:\\s*\\[\\s*]",
                "");
        assertTrue(!stored.contains("allowedWebSocketOrigins"), stored);
        assertEquals(List.of(), codec.read(stored).settings().allowedWebSocketOrigins());
        SipConfig withOrigins = new SipConfig(SipSettings.defaults().withAllowedWebSocketOrigins(
                List.of("https://phone.example.com")), List.of());
        assertEquals(withOrigins, codec.read(codec.write(withOrigins)));
    }
}
