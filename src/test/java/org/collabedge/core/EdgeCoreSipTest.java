package org.collabedge.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.collabedge.config.Transport;
import org.collabedge.host.HostContext;
import org.collabedge.sip.config.SipConfig;
import org.collabedge.sip.config.StaticRoute;
import org.collabedge.sip.status.SipStatus;
import org.collabedge.standalone.FileConfigStore;
import org.collabedge.standalone.FileSecretStore;
import org.collabedge.standalone.FileUserDirectory;
import org.collabedge.standalone.LocalSharedState;
import org.collabedge.standalone.LoggingPresencePublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core builds the SIP settings and secrets on each start, and holds the SIP status the pages read. */
class EdgeCoreSipTest {

    @TempDir
    Path data;

    private EdgeCore core() {
        FileUserDirectory users = new FileUserDirectory(data);
        users.put("alice", "directory-Passw0rd".toCharArray(), "Alice", null);
        return new EdgeCore(new HostContext("node-a", "standalone", users, new LocalSharedState(Clock.systemUTC()),
                new FileConfigStore(data.resolve("config")), new FileSecretStore(data),
                new LoggingPresencePublisher(), Clock.systemUTC()), "edge.example.com");
    }

    @Test
    void sipSettingsAndSecretsLiveAcrossRestartsAndNeedARunningCore() throws Exception {
        EdgeCore core = core();
        core.start();
        assertEquals(SipConfig.defaults(), core.sipConfig().current());
        assertSame(core.sipEdge(), core.sipStatus(), "the pages show the running SIP edge");
        core.sipConfig().saveRoute(new StaticRoute(null, "*@example.com", "pbx.example.com", 5061, Transport.TLS,
                true, null));
        char[] secret = core.sipSecrets().regenerate("alice");
        core.stop();
        assertThrows(IllegalStateException.class, core::sipConfig);
        assertThrows(IllegalStateException.class, core::sipSecrets);

        core.start();
        assertEquals(1, core.sipConfig().current().routes().size());
        assertEquals(new String(secret), new String(core.sipSecrets().secretOf("alice").orElseThrow()));
        assertTrue(Files.exists(data.resolve("config").resolve(SipConfig.DOCUMENT + ".json")));
        core.stop();
    }

    @Test
    void theSipStatusIsTheOneSet() {
        EdgeCore core = core();
        core.start();
        SipStatus status = new SipStatus() {
            @Override
            public List<org.collabedge.sip.status.RegistrationView> registrations() {
                return List.of();
            }

            @Override
            public List<org.collabedge.sip.status.CallRecord> currentCalls() {
                return List.of();
            }

            @Override
            public List<org.collabedge.sip.status.CallRecord> callHistory() {
                return List.of();
            }
        };
        core.useSipStatus(status);
        assertSame(status, core.sipStatus());
        core.stop();
    }
}
