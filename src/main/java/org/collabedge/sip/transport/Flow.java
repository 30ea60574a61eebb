package org.collabedge.sip.transport;

import java.io.Serializable;
import java.util.Locale;

/**
 * Where a client's messages came from: transport and the source address and port as the edge saw them (after NAT).
 * Requests to the client go back to exactly this address, over the same connection for TCP and TLS (RFC 5923).
 */
public record Flow(String transport, String host, int port) implements Serializable {

    public Flow {
        transport = transport.toUpperCase(Locale.ROOT);
    }

    public boolean reliable() {
        return !"UDP".equals(transport);
    }

    /** The key the flow table and the stack's channel cache both use. */
    public String key() {
        return transport + ":" + host + ":" + port;
    }

    @Override
    public String toString() {
        return key();
    }
}
