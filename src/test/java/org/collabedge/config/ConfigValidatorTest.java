package org.collabedge.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.collabedge.i18n.Messages;
import org.collabedge.standalone.FileConfigStore;
import org.collabedge.standalone.FileSecretStore;
import org.collabedge.standalone.LocalSharedState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every way a change can be refused, driven through {@link ConfigService} over the standalone adapters: each refusal
 * names the field and the problem, reads well in English, and leaves the stored configuration as it was.
 */
class ConfigValidatorTest {

    private static final Messages EN = Messages.english();
    private static final int[] OPENFIRE_PORTS = {5222, 5223, 5269, 5270, 5275, 5276, 7070, 7443, 9090, 9091, 7777};

    @TempDir
    Path dir;

    private ConfigService service;
    private Path configFile;

    @BeforeEach
    void startWithOneDomainAndOneServer() {
        service = new ConfigService(new FileConfigStore(dir.resolve("config")), new FileSecretStore(dir),
                new LocalSharedState(Clock.systemUTC()), "edge.example.com");
        service.load();
        configFile = dir.resolve("config").resolve(ConfigService.DOCUMENT + ".json");
        service.saveDomain(null, domain("example.com", Deployment.DEFAULT_ID));
        service.saveServer(server(ServerType.CALL_CONTROL, "cucm.example.com", 5061, Transport.TLS, true), null);
    }

    // ---- domains

    @Nested
    class Domains {

        @ParameterizedTest
        @ValueSource(strings = {"", "   "})
        void aNameIsRequired(String name) {
            refused(() -> service.saveDomain(null, domain(name, Deployment.DEFAULT_ID)), "domain.name",
                    "error.required");
            refused(() -> service.saveDomain(null, domain(null, Deployment.DEFAULT_ID)), "domain.name",
                    "error.required");
        }

        @ParameterizedTest
        @ValueSource(strings = {"localhost", "example.123", "exa mple.com", "_sip.example.com", "192.0.2.1",
                "-bad.example.com"})
        void theNameMustBeAFullyQualifiedDomainName(String name) {
            FieldError e = refused(() -> service.saveDomain(null, domain(name, Deployment.DEFAULT_ID)),
                    "domain.name", "error.domain_name");

            assertTrue(e.describe(EN).startsWith("Domain name: '" + HostNames.normalise(name)
                    + "' is not a valid domain name"), e.describe(EN));
        }

        @Test
        void aSecondDomainOfTheSameNameIsRefusedWhateverItsCase() {
            FieldError e = refused(() -> service.saveDomain(null, domain("EXAMPLE.com.", Deployment.DEFAULT_ID)),
                    "domain.name", "error.duplicate");

            assertEquals("Domain name: 'example.com' already exists", e.describe(EN));
        }

        @Test
        void renamingOntoAnotherDomainIsADuplicateButSavingUnderItsOwnNameIsNot() {
            service.saveDomain(null, domain("other.example", Deployment.DEFAULT_ID));

            refused(() -> service.saveDomain("other.example", domain("example.com", Deployment.DEFAULT_ID)),
                    "domain.name", "error.duplicate");
            assertDoesNotThrow(() -> service.saveDomain("other.example",
                    domain("Other.Example", Deployment.DEFAULT_ID)));
        }

        @Test
        void editingADomainThatWasDeletedMeanwhileIsNotFound() {
            FieldError e = refused(() -> service.saveDomain("gone.example.com",
                    domain("gone.example.com", Deployment.DEFAULT_ID)), "domain.name", "error.not_found");

            assertEquals("Domain name: 'gone.example.com' does not exist (it may have been deleted meanwhile)",
                    e.describe(EN));
            refused(() -> service.deleteDomain("gone.example.com"), "domain.name", "error.not_found");
        }

        @Test
        void theDeploymentMustExist() {
            FieldError e = refused(() -> service.saveDomain(null, domain("new.example.com", "no-such-id")),
                    "domain.deployment", "error.unknown_deployment");

            assertEquals("Deployment: there is no deployment 'no-such-id'", e.describe(EN));
            refused(() -> service.saveDomain(null, domain("new.example.com", null)), "domain.deployment",
                    "error.unknown_deployment");
        }
    }

    // ---- deployments

    @Nested
    class Deployments {

        @Test
        void aNameIsRequired() {
            refused(() -> service.addDeployment(null), "deployment.name", "error.required");
            refused(() -> service.addDeployment("  "), "deployment.name", "error.required");
            refused(() -> service.renameDeployment(Deployment.DEFAULT_ID, ""), "deployment.name",
                    "error.required");
        }

        @Test
        void aNameHasAtMost64Characters() {
            FieldError e = refused(() -> service.addDeployment("x".repeat(65)), "deployment.name",
                    "error.too_long");

            assertEquals("Deployment name: at most 64 characters are allowed", e.describe(EN));
            assertDoesNotThrow(() -> service.addDeployment("x".repeat(64)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Lab\tA", "Lab\nA", "Lab\u0000", "Lab\u007f"})
        void controlCharactersAreRefused(String name) {
            FieldError e = refused(() -> service.addDeployment(name), "deployment.name",
                    "error.control_characters");

            assertEquals("Deployment name: control characters are not allowed", e.describe(EN));
        }

        @Test
        void namesAreUniqueIgnoringCaseAndSurroundingBlanks() {
            Deployment lab = service.addDeployment("Lab");

            refused(() -> service.addDeployment(" lab "), "deployment.name", "error.duplicate");
            refused(() -> service.renameDeployment(lab.id(), "default DEPLOYMENT"), "deployment.name",
                    "error.duplicate");
            assertDoesNotThrow(() -> service.renameDeployment(lab.id(), "LAB"), "its own name in another case");
        }

        @Test
        void renamingOrDeletingAnUnknownDeploymentIsNotFound() {
            refused(() -> service.renameDeployment("no-such-id", "Lab"), "deployment.name", "error.not_found");
            refused(() -> service.deleteDeployment("no-such-id"), "deployment.name", "error.not_found");
        }

        @Test
        void theDefaultDeploymentCannotBeDeleted() {
            FieldError e = refused(() -> service.deleteDeployment(Deployment.DEFAULT_ID), "deployment.name",
                    "error.default_deployment");

            assertEquals("Deployment name: the default deployment cannot be deleted (it can be renamed)",
                    e.describe(EN));
        }
    }

    // ---- internal servers

    @Nested
    class Servers {

        @Test
        void everyMissingPartIsReportedAtOnce() {
            ValidationException e = assertThrows(ValidationException.class, () -> service.saveServer(
                    new InternalServer(null, null, " ", 0, null, false, null, "no-such-id"), null));

            assertEquals(List.of(
                    new FieldError("server.type", "error.required"),
                    new FieldError("server.address", "error.required"),
                    new FieldError("server.port", "error.port_range", 0),
                    new FieldError("server.transport", "error.required"),
                    new FieldError("server.deployment", "error.unknown_deployment", "no-such-id")), e.errors());
            assertTrue(e.hasErrorFor("server.port"));
            assertFalse(e.hasErrorFor("server.username"));
        }

        @Test
        void eachRequiredPartIsNamed() {
            refused(() -> service.saveServer(server(null, "a.example.com", 5061, Transport.TLS, true), null),
                    "server.type", "error.required");
            refused(() -> service.saveServer(server(ServerType.CALL_CONTROL, null, 5061, Transport.TLS, true),
                    null), "server.address", "error.required");
            refused(() -> service.saveServer(server(ServerType.CALL_CONTROL, "a.example.com", 5061, null, true),
                    null), "server.transport", "error.required");
        }

        @ParameterizedTest
        @ValueSource(strings = {"cucm example com", "under_score.example.com", "cucm.example.com:5061",
                "http://cucm.example.com", "cucm..example.com"})
        void theAddressMustBeAHostNameOrAnIpAddress(String address) {
            FieldError e = refused(() -> service.saveServer(
                    server(ServerType.CALL_CONTROL, address, 5060, Transport.TCP, false), null),
                    "server.address", "error.address");

            assertTrue(e.describe(EN).startsWith("Address: '"), e.describe(EN));
            assertTrue(e.describe(EN).endsWith("' is neither a host name nor an IP address"), e.describe(EN));
        }

        @ParameterizedTest
        @ValueSource(strings = {"cucm", "10.0.0.5", "2001:db8::5", "[2001:db8::5]"})
        void tlsVerifyNeedsAFullyQualifiedName(String address) {
            FieldError e = refused(() -> service.saveServer(
                    server(ServerType.CALL_CONTROL, address, 5061, Transport.TLS, true), null),
                    "server.address", "error.fqdn_for_tls_verify");

            assertTrue(e.describe(EN).contains("is not a fully qualified domain name"), e.describe(EN));
            assertDoesNotThrow(() -> service.saveServer(
                    server(ServerType.CALL_CONTROL, address, 5061, Transport.TLS, false), null),
                    "the same address without TLS verify");
        }

        @ParameterizedTest
        @ValueSource(ints = {-1, 65536, 100000})
        void thePortIsBetween1And65535(int port) {
            FieldError e = refused(() -> service.saveServer(
                    server(ServerType.CALL_CONTROL, "cucm2.example.com", port, Transport.TLS, true), null),
                    "server.port", "error.port_range");

            assertEquals("Port: " + port + " is not a port number between 1 and 65535", e.describe(EN));
        }

        @Test
        void callControlByHostNameMayLeaveThePortToDnsSrv() {
            assertEquals(0, service.saveServer(
                    server(ServerType.CALL_CONTROL, "cucm.example.com", 0, Transport.TLS, true), null).port());
            refused(() -> service.saveServer(server(ServerType.CALL_CONTROL, "192.0.2.10", 0, Transport.TCP, false),
                    null), "server.port", "error.port_range");
        }

        @Test
        void theTransportMustSuitTheServerType() {
            FieldError e = refused(() -> service.saveServer(
                    server(ServerType.CALL_CONTROL, "cucm2.example.com", 443, Transport.HTTPS, true), null),
                    "server.transport", "error.transport_for_type");

            assertEquals("Transport: HTTPS is not a transport for this server type", e.describe(EN));
            refused(() -> service.saveServer(
                    server(ServerType.IM_AND_PRESENCE, "imp.example.com", 5222, Transport.UDP, false), null),
                    "server.transport", "error.transport_for_type");
            refused(() -> service.saveServer(
                    server(ServerType.WEB_SERVICE, "web.example.com", 69, Transport.TFTP, false), null),
                    "server.transport", "error.transport_for_type");
        }

        @Test
        void theUsernameHasAtMost128CharactersAndNoControlCharacters() {
            FieldError tooLong = refused(() -> service.saveServer(withUsername("u".repeat(129)), null),
                    "server.username", "error.too_long");
            assertEquals("Username: at most 128 characters are allowed", tooLong.describe(EN));

            refused(() -> service.saveServer(withUsername("edge\u0007user"), null), "server.username",
                    "error.control_characters");
            assertDoesNotThrow(() -> service.saveServer(withUsername("u".repeat(128)), null));
        }

        @Test
        void theDeploymentMustExist() {
            refused(() -> service.saveServer(new InternalServer(null, ServerType.VOICEMAIL, "vm.example.com", 443,
                    Transport.HTTPS, true, null, "no-such-id"), null), "server.deployment",
                    "error.unknown_deployment");
        }

        @Test
        void theSameTypeAddressAndPortCannotBeConfiguredTwice() {
            FieldError e = refused(() -> service.saveServer(
                    server(ServerType.CALL_CONTROL, "CUCM.example.com", 5061, Transport.TLS, true), null),
                    "server.address", "error.duplicate_server");

            assertEquals("Address: a server of this type at cucm.example.com:5061 is already configured",
                    e.describe(EN));
            assertDoesNotThrow(() -> service.saveServer(
                    server(ServerType.CALL_CONTROL, "cucm.example.com", 5060, Transport.TCP, false), null),
                    "another port");
            assertDoesNotThrow(() -> service.saveServer(
                    server(ServerType.IM_AND_PRESENCE, "cucm.example.com", 5061, Transport.TLS, true), null),
                    "another type");
        }

        @Test
        void aDuplicateIpv6ServerIsNamedWithBrackets() {
            service.saveServer(server(ServerType.CALL_CONTROL, "2001:db8::5", 5060, Transport.TCP, false), null);

            FieldError e = refused(() -> service.saveServer(
                    server(ServerType.CALL_CONTROL, "[2001:db8::5]", 5060, Transport.TCP, false), null),
                    "server.address", "error.duplicate_server");

            assertEquals(List.of("[2001:db8::5]:5060"), e.args());
        }

        @Test
        void oneIpv6AddressWrittenTwoWaysIsStillADuplicate() {
            service.saveServer(server(ServerType.CALL_CONTROL, "2001:db8::5", 5060, Transport.TCP, false), null);

            refused(() -> service.saveServer(
                    server(ServerType.CALL_CONTROL, "2001:0db8:0:0::5", 5060, Transport.TCP, false), null),
                    "server.address", "error.duplicate_server");
        }

        @Test
        void editingOrDeletingAServerThatWasDeletedMeanwhileIsNotFound() {
            refused(() -> service.saveServer(new InternalServer("gone", ServerType.CALL_CONTROL,
                    "cucm9.example.com", 5061, Transport.TLS, true, null, Deployment.DEFAULT_ID), null),
                    "server.address", "error.not_found");
            refused(() -> service.deleteServer("gone"), "server.address", "error.not_found");
        }

        private InternalServer withUsername(String username) {
            return new InternalServer(null, ServerType.WEB_SERVICE, "web.example.com", 443, Transport.HTTPS, true,
                    username, Deployment.DEFAULT_ID);
        }
    }

    // ---- edge settings

    @Nested
    class Settings {

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
            return refused(() -> service.saveSettings(with(edit)), field, key);
        }

        private EdgeSettings with(Consumer<SettingsDraft> edit) {
            SettingsDraft draft = new SettingsDraft(service.current().settings());
            edit.accept(draft);
            return draft.build();
        }
    }

    // ---- helpers

    /**
     * Runs a change that must be refused with {@code field} and {@code key}; checks the English text and that
     * nothing stored moved. Returns the matching error for further checks.
     */
    private FieldError refused(Executable change, String field, String key) {
        EdgeConfig before = service.current();
        String storedBefore = stored();

        ValidationException e = assertThrows(ValidationException.class, change);

        FieldError error = e.errors().stream().filter(x -> x.field().equals(field) && x.problemKey().equals(key))
                .findFirst().orElse(null);
        if (error == null) {
            fail("expected " + field + " / " + key + " but got " + e.errors());
        }
        assertTrue(EN.has(key), key + " is in the English bundle");
        assertTrue(EN.has("field." + field), "field." + field + " is in the English bundle");
        String text = error.describe(EN);
        assertTrue(text.startsWith(EN.get("field." + field) + ": "), text);
        String problem = error.problem(EN);
        assertNotEquals(key, problem);
        assertFalse(problem.contains("{"), "all arguments filled in: " + problem);
        assertTrue(e.getMessage().contains(text), "the exception message says it in English: " + e.getMessage());
        assertEquals(before, service.current(), "the refused change is not in effect");
        assertEquals(storedBefore, stored(), "the refused change is not stored");
        return error;
    }

    private String stored() {
        try {
            return Files.readString(configFile);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Domain domain(String name, String deploymentId) {
        return new Domain(name, true, false, false, false, deploymentId);
    }

    static InternalServer server(ServerType type, String address, int port, Transport transport, boolean verify) {
        return new InternalServer(null, type, address, port, transport, verify, null, Deployment.DEFAULT_ID);
    }

    /** A mutable copy of the settings, so each test changes just the fields it is about. */
    static final class SettingsDraft {
        String publicHostName;
        String listenAddress;
        boolean sipTlsEnabled;
        int sipTlsPort;
        boolean sipTcpEnabled;
        int sipTcpPort;
        boolean sipUdpEnabled;
        int sipUdpPort;
        boolean sipWssEnabled;
        int sipWssPort;
        int httpsPort;
        int mediaPortMin;
        int mediaPortMax;
        boolean turnEnabled;
        int turnPort;

        SettingsDraft(EdgeSettings s) {
            publicHostName = s.publicHostName();
            listenAddress = s.listenAddress();
            sipTlsEnabled = s.sipTlsEnabled();
            sipTlsPort = s.sipTlsPort();
            sipTcpEnabled = s.sipTcpEnabled();
            sipTcpPort = s.sipTcpPort();
            sipUdpEnabled = s.sipUdpEnabled();
            sipUdpPort = s.sipUdpPort();
            sipWssEnabled = s.sipWssEnabled();
            sipWssPort = s.sipWssPort();
            httpsPort = s.httpsPort();
            mediaPortMin = s.mediaPortMin();
            mediaPortMax = s.mediaPortMax();
            turnEnabled = s.turnEnabled();
            turnPort = s.turnPort();
        }

        EdgeSettings build() {
            return new EdgeSettings(publicHostName, listenAddress, sipTlsEnabled, sipTlsPort, sipTcpEnabled,
                    sipTcpPort, sipUdpEnabled, sipUdpPort, sipWssEnabled, sipWssPort, httpsPort, mediaPortMin,
                    mediaPortMax, turnEnabled, turnPort);
        }
    }
}
