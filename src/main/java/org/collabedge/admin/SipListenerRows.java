package org.collabedge.admin;

import java.util.List;
import java.util.Map;

import org.collabedge.config.EdgeSettings;
import org.collabedge.sip.SipEdgeService;
import org.collabedge.sip.status.SipStatus;

/**
 * The SIP listeners as the SIP settings page lists them: each transport with its configured port and whether it is
 * off, open, or switched on but not open (the reason is among the restart notices). The running SIP service says
 * what is open; a stand-in status (tests) leaves that unknown ("on").
 *
 * @param url for the WebSocket listener, the address web clients connect to; else null
 */
public record SipListenerRows(String transport, int port, String state, String url) {

    public static List<SipListenerRows> of(EdgeSettings s, SipStatus status) {
        Map<String, Integer> open = status instanceof SipEdgeService service ? service.ports() : null;
        return List.of(
                row("TLS", s.sipTlsEnabled(), s.sipTlsPort(), open, null),
                row("TCP", s.sipTcpEnabled(), s.sipTcpPort(), open, null),
                row("UDP", s.sipUdpEnabled(), s.sipUdpPort(), open, null),
                row("WSS", s.sipWssEnabled(), s.sipWssPort(), open,
                        "wss://" + s.publicHostName() + ":" + s.sipWssPort() + "/"));
    }

    private static SipListenerRows row(String transport, boolean enabled, int port, Map<String, Integer> open,
                                       String url) {
        String state = !enabled ? "off" : open == null ? "on" : open.containsKey(transport) ? "open" : "failed";
        return new SipListenerRows(transport, port, state, enabled ? url : null);
    }
}
