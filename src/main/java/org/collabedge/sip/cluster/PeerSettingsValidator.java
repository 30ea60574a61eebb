package org.collabedge.sip.cluster;

import java.util.ArrayList;
import java.util.List;

import org.collabedge.config.EdgeSettings;
import org.collabedge.config.FieldError;
import org.collabedge.config.HostNames;
import org.collabedge.config.ReservedPorts;

/** Refuses a peer listener address or port that cannot work, naming the field and the problem. */
public final class PeerSettingsValidator {

    public static final String ADDRESS = "sip.peerAddress";
    public static final String PORT = "sip.peerPort";

    /** @param edge the listeners the edge already opens, whose ports the peer listener must not take */
    public List<FieldError> check(PeerSettings s, EdgeSettings edge) {
        List<FieldError> errors = new ArrayList<>();
        String address = HostNames.unbracket(s.address());
        if (!address.isEmpty() && !HostNames.isIpLiteral(address)) {
            errors.add(new FieldError(ADDRESS, "error.sip.peer_address", s.address()));
        }
        int port = s.port();
        if (port < 0 || port > 65535) {
            errors.add(new FieldError(PORT, "error.sip.peer_port", port));
        } else if (port != 0) {
            String openfire = ReservedPorts.openfireUse(port);
            String edgeUse = edgeUse(port, edge);
            if (openfire != null) {
                errors.add(new FieldError(PORT, "error.sip.peer_port_taken", port, openfire));
            } else if (edgeUse != null) {
                errors.add(new FieldError(PORT, "error.sip.peer_port_taken", port, edgeUse));
            }
        }
        return errors;
    }

    private static String edgeUse(int port, EdgeSettings e) {
        if (port == e.sipTlsPort() || port == e.sipTcpPort() || port == e.sipUdpPort()) {
            return "SIP";
        }
        if (port == e.sipWssPort()) {
            return "SIP WebSocket";
        }
        if (port == e.httpsPort()) {
            return "HTTPS";
        }
        if (port == e.turnPort()) {
            return "TURN";
        }
        return null;
    }
}
