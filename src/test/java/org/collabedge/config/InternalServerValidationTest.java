package org.collabedge.config;

import static org.collabedge.config.RefusalCheck.EN;
import static org.collabedge.config.RefusalCheck.domain;
import static org.collabedge.config.RefusalCheck.server;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How an internal server change is refused: every missing part at once, addresses, TLS
 * verification names, ports, transports per server type, user names, deployments, duplicates (IPv6 written two
 * ways too), servers deleted meanwhile.
 * Each refusal names the field and the problem and changes nothing ({@link RefusalCheck}).
 */
class InternalServerValidationTest {

    @AutoClose
    private final RefusalCheck check = new RefusalCheck();
    private final ConfigService service = check.service();

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
        check.refused(() -> service.saveServer(server(null, "a.example.com", 5061, Transport.TLS, true), null),
                "server.type", "error.required");
        check.refused(() -> service.saveServer(server(ServerType.CALL_CONTROL, null, 5061, Transport.TLS, true),
                null), "server.address", "error.required");
        check.refused(() -> service.saveServer(server(ServerType.CALL_CONTROL, "a.example.com", 5061, null, true),
                null), "server.transport", "error.required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cucm example com", "under_score.example.com", "cucm.example.com:5061",
            "http://cucm.example.com", "cucm..example.com"})
    void theAddressMustBeAHostNameOrAnIpAddress(String address) {
        FieldError e = check.refused(() -> service.saveServer(
                server(ServerType.CALL_CONTROL, address, 5060, Transport.TCP, false), null),
                "server.address", "error.address");

        assertTrue(e.describe(EN).startsWith("Address: '"), e.describe(EN));
        assertTrue(e.describe(EN).endsWith("' is neither a host name nor an IP address"), e.describe(EN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cucm", "10.0.0.5", "2001:db8::5", "[2001:db8::5]"})
    void tlsVerifyNeedsAFullyQualifiedName(String address) {
        FieldError e = check.refused(() -> service.saveServer(
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
        FieldError e = check.refused(() -> service.saveServer(
                server(ServerType.CALL_CONTROL, "cucm2.example.com", port, Transport.TLS, true), null),
                "server.port", "error.port_range");

        assertEquals("Port: " + port + " is not a port number between 1 and 65535", e.describe(EN));
    }

    @Test
    void callControlByHostNameMayLeaveThePortToDnsSrv() {
        assertEquals(0, service.saveServer(
                server(ServerType.CALL_CONTROL, "cucm.example.com", 0, Transport.TLS, true), null).port());
        check.refused(() -> service.saveServer(server(ServerType.CALL_CONTROL, "192.0.2.10", 0, Transport.TCP, false),
                null), "server.port", "error.port_range");
    }

    @Test
    void theTransportMustSuitTheServerType() {
        FieldError e = check.refused(() -> service.saveServer(
                server(ServerType.CALL_CONTROL, "cucm2.example.com", 443, Transport.HTTPS, true), null),
                "server.transport", "error.transport_for_type");

        assertEquals("Transport: HTTPS is not a transport for this server type", e.describe(EN));
        check.refused(() -> service.saveServer(
                server(ServerType.IM_AND_PRESENCE, "imp.example.com", 5222, Transport.UDP, false), null),
                "server.transport", "error.transport_for_type");
        check.refused(() -> service.saveServer(
                server(ServerType.WEB_SERVICE, "web.example.com", 69, Transport.TFTP, false), null),
                "server.transport", "error.transport_for_type");
    }

    @Test
    void theUsernameHasAtMost128CharactersAndNoControlCharacters() {
        FieldError tooLong = check.refused(() -> service.saveServer(withUsername("u".repeat(129)), null),
                "server.username", "error.too_long");
        assertEquals("Username: at most 128 characters are allowed", tooLong.describe(EN));

        check.refused(() -> service.saveServer(withUsername("edge\u0007user"), null), "server.username",
                "error.control_characters");
        assertDoesNotThrow(() -> service.saveServer(withUsername("u".repeat(128)), null));
    }

    @Test
    void theDeploymentMustExist() {
        check.refused(() -> service.saveServer(new InternalServer(null, ServerType.VOICEMAIL, "vm.example.com", 443,
                Transport.HTTPS, true, null, "no-such-id"), null), "server.deployment",
                "error.unknown_deployment");
    }

    @Test
    void theSameTypeAddressAndPortCannotBeConfiguredTwice() {
        FieldError e = check.refused(() -> service.saveServer(
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

        FieldError e = check.refused(() -> service.saveServer(
                server(ServerType.CALL_CONTROL, "[2001:db8::5]", 5060, Transport.TCP, false), null),
                "server.address", "error.duplicate_server");

        assertEquals(List.of("[2001:db8::5]:5060"), e.args());
    }

    @Test
    void oneIpv6AddressWrittenTwoWaysIsStillADuplicate() {
        service.saveServer(server(ServerType.CALL_CONTROL, "2001:db8::5", 5060, Transport.TCP, false), null);

        check.refused(() -> service.saveServer(
                server(ServerType.CALL_CONTROL, "2001:0db8:0:0::5", 5060, Transport.TCP, false), null),
                "server.address", "error.duplicate_server");
    }

    @Test
    void editingOrDeletingAServerThatWasDeletedMeanwhileIsNotFound() {
        check.refused(() -> service.saveServer(new InternalServer("gone", ServerType.CALL_CONTROL,
                "cucm9.example.com", 5061, Transport.TLS, true, null, Deployment.DEFAULT_ID), null),
                "server.address", "error.not_found");
        check.refused(() -> service.deleteServer("gone"), "server.address", "error.not_found");
    }

    private InternalServer withUsername(String username) {
        return new InternalServer(null, ServerType.WEB_SERVICE, "web.example.com", 443, Transport.HTTPS, true,
                username, Deployment.DEFAULT_ID);
    }
}
