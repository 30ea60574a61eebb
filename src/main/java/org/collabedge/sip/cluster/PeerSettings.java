package org.collabedge.sip.cluster;

/**
 * Where this node's node-to-node SIP listener listens. Stored as the {@value #DOCUMENT} document, shared by the
 * cluster, so both fields mean the same on every node.
 *
 * @param address bind address: empty for automatic (the edge's listen address when it names one, otherwise this
 *                host's own address), or an IP literal; {@code 0.0.0.0} / {@code ::} bind every interface and
 *                advertise this host's address
 * @param port    TCP port of the TLS listener; 0 for a free port chosen at start (the node directory tells the other
 *                nodes which one), or a fixed port for firewalls between the nodes
 */
public record PeerSettings(String address, int port) {

    public static final String DOCUMENT = "sip-peer";

    public PeerSettings {
        address = address == null ? "" : address.trim();
    }

    public static PeerSettings defaults() {
        return new PeerSettings("", 0);
    }
}
