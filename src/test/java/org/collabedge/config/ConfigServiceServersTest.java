package org.collabedge.config;

import static org.collabedge.config.ConfigNodes.callControl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.collabedge.standalone.FileSecretStore;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Internal servers as the configuration keeps them, and their passwords, which go to the secret store only.
 */
class ConfigServiceServersTest {

    @AutoClose
    private final ConfigNodes nodes = new ConfigNodes();
    private final ConfigService service = nodes.newNode();

    @Test
    void aServerPasswordGoesToTheSecretStoreOnly() throws IOException {
        InternalServer s = service.saveServer(callControl("cucm.example.com", Deployment.DEFAULT_ID),
                "Pa55-w0rd!xyz".toCharArray());

        assertTrue(service.hasPassword(s));
        assertEquals("Pa55-w0rd!xyz", nodes.storedSecret(s.secretId()));
        String json = Files.readString(nodes.configFile());
        assertTrue(json.contains("cucm.example.com"), "the server itself is in the document");
        assertFalse(json.contains("Pa55-w0rd!xyz"), "its password is not");
        assertFalse(json.toLowerCase().contains("password"), json);
        assertTrue(new FileSecretStore(nodes.dir).contains(s.secretId()), "and the secret store kept it on disk");
    }

    @Test
    void savingWithANullPasswordKeepsTheStoredOne() {
        InternalServer s = service.saveServer(callControl("cucm.example.com", Deployment.DEFAULT_ID),
                "first-secret".toCharArray());

        InternalServer edited = service.saveServer(new InternalServer(s.id(), s.type(), s.address(), 5062,
                s.transport(), s.tlsVerify(), "edge", s.deploymentId()), null);

        assertEquals(s.id(), edited.id());
        assertEquals(5062, service.current().server(s.id()).orElseThrow().port());
        assertEquals("first-secret", nodes.storedSecret(s.secretId()));
    }

    @Test
    void savingWithANewPasswordReplacesItAndAnEmptyOneRemovesIt() {
        InternalServer s = service.saveServer(callControl("cucm.example.com", Deployment.DEFAULT_ID),
                "first-secret".toCharArray());

        service.saveServer(s, "second-secret".toCharArray());
        assertEquals("second-secret", nodes.storedSecret(s.secretId()));

        service.saveServer(s, new char[0]);
        assertFalse(service.hasPassword(s));
        assertTrue(nodes.secrets.get(s.secretId()).isEmpty());
    }

    @Test
    void deletingAServerRemovesItsPassword() {
        InternalServer s = service.saveServer(callControl("cucm.example.com", Deployment.DEFAULT_ID),
                "secret".toCharArray());

        service.deleteServer(s.id());

        assertTrue(service.current().server(s.id()).isEmpty());
        assertFalse(nodes.secrets.contains(s.secretId()));
        assertFalse(new FileSecretStore(nodes.dir).contains(s.secretId()));
    }

    @Test
    void aRefusedServerDoesNotStoreItsPassword() {
        InternalServer bad = new InternalServer("fixed-id-that-does-not-exist", ServerType.CALL_CONTROL,
                "cucm.example.com", 5061, Transport.TLS, true, null, Deployment.DEFAULT_ID);

        assertThrows(ValidationException.class, () -> service.saveServer(bad, "secret".toCharArray()));

        assertFalse(nodes.secrets.contains(bad.secretId()));
    }

    @Test
    void tlsVerifyIsForcedOffForTransportsWithoutTls() {
        for (Transport plain : List.of(Transport.TCP, Transport.UDP)) {
            InternalServer s = service.saveServer(new InternalServer(null, ServerType.CALL_CONTROL, "10.0.0.5",
                    plain == Transport.TCP ? 5060 : 5070, plain, true, null, Deployment.DEFAULT_ID), null);
            assertFalse(s.tlsVerify(), plain.name());
            assertFalse(service.current().server(s.id()).orElseThrow().tlsVerify(), plain.name());
        }
        InternalServer web = service.saveServer(new InternalServer(null, ServerType.WEB_SERVICE, "web.example.com",
                80, Transport.HTTP, true, null, Deployment.DEFAULT_ID), null);
        assertFalse(web.tlsVerify());

        InternalServer secure = service.saveServer(callControl("cucm.example.com", Deployment.DEFAULT_ID), null);
        assertTrue(secure.tlsVerify(), "kept for TLS");
    }

    @Test
    void serverAddressesAreNormalised() {
        InternalServer named = service.saveServer(new InternalServer(null, ServerType.CALL_CONTROL,
                "  CUCM.Example.COM ", 5061, Transport.TLS, true, "  edge  ", Deployment.DEFAULT_ID), null);
        InternalServer v6 = service.saveServer(new InternalServer(null, ServerType.CALL_CONTROL, "[2001:db8::5]",
                5060, Transport.TCP, false, " ", Deployment.DEFAULT_ID), null);

        assertEquals("cucm.example.com", named.address());
        assertEquals("edge", named.username());
        assertEquals("2001:db8::5", v6.address());
        assertEquals("[2001:db8::5]:5060", v6.authority());
        assertEquals(null, v6.username(), "a blank username is no username");
    }
}
