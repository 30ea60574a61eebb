package org.collabedge.config;

import java.util.Map;
import java.util.TreeMap;

/** Ports Openfire itself listens on: the edge's listeners must never take them. */
public final class ReservedPorts {

    private static final Map<Integer, String> OPENFIRE = new TreeMap<>(Map.ofEntries(
            Map.entry(5222, "XMPP client"), Map.entry(5223, "XMPP client (direct TLS)"),
            Map.entry(5269, "XMPP server-to-server"), Map.entry(5270, "XMPP server-to-server (direct TLS)"),
            Map.entry(5275, "external components"), Map.entry(5276, "external components (direct TLS)"),
            Map.entry(7070, "HTTP binding"), Map.entry(7443, "HTTP binding (TLS)"),
            Map.entry(9090, "admin console"), Map.entry(9091, "admin console (TLS)"),
            Map.entry(7777, "file transfer proxy")));

    private ReservedPorts() {
    }

    /** What Openfire uses the port for, or null when it is free for the edge. */
    public static String openfireUse(int port) {
        return OPENFIRE.get(port);
    }

    public static Map<Integer, String> all() {
        return OPENFIRE;
    }
}
