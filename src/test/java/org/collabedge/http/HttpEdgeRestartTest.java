package org.collabedge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.collabedge.config.EdgeConfig;
import org.collabedge.config.EdgeSettings;
import org.junit.jupiter.api.Test;

/** The HTTPS listener binds at start: only its address and port wait for a restart. */
class HttpEdgeRestartTest {

    private static EdgeConfig with(String host, String address, int port) {
        EdgeSettings d = EdgeSettings.defaults(host);
        return new EdgeConfig(List.of(), List.of(), List.of(), new EdgeSettings(host, address, d.sipTlsEnabled(),
                d.sipTlsPort(), d.sipTcpEnabled(), d.sipTcpPort(), d.sipUdpEnabled(), d.sipUdpPort(),
                d.sipWssEnabled(), d.sipWssPort(), port, d.mediaPortMin(), d.mediaPortMax(), d.turnEnabled(),
                d.turnPort()));
    }

    @Test
    void aNewPortOrAddressNeedsARestartOtherChangesDoNot() {
        EdgeConfig base = with("edge.example.com", "0.0.0.0", 8443);
        assertNull(HttpEdge.restartReason(base, with("other.example.com", "0.0.0.0", 8443)));
        assertEquals("HTTPS edge listener: new address or port 0.0.0.0:9443",
                HttpEdge.restartReason(base, with("edge.example.com", "0.0.0.0", 9443)));
        assertEquals("HTTPS edge listener: new address or port 10.0.0.1:8443",
                HttpEdge.restartReason(base, with("edge.example.com", "10.0.0.1", 8443)));
    }
}
