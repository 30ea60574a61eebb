package org.collabedge.sip.proxy;

import java.util.Optional;

import javax.sip.SipProvider;

import org.collabedge.sip.transport.Flow;

/**
 * What the proxy needs to know about the other nodes of a cluster: which run, where each one's node-to-node
 * listener is, and whether a request came over an authenticated peer connection. A binding or dialog whose flow is
 * held by another node is forwarded to that node, which sends it over the flow. {@link #NONE} is a single node.
 */
public interface PeerLink {

    /** This node's id, or null when there is no node-to-node path. */
    String nodeId();

    /** Whether a node is in the node directory now (a node that left it holds no open flow). */
    boolean running(String nodeId);

    /** The node-to-node listener another node advertises (TLS, its internal address and port). */
    Optional<Flow> peerHop(String nodeId);

    /** Whether {@code hop} is another node's node-to-node listener. */
    boolean isPeerHop(Flow hop);

    /** Sends to other nodes (the provider over this node's own node-to-node listener), or null when closed. */
    SipProvider provider();

    /** The port of this node's node-to-node listener, for the Via of requests it sends to another node. */
    int ownPeerPort();

    /** Whether a request arrived over a connection another node made to this node's node-to-node listener. */
    boolean fromPeer(Flow from);

    /** Whether the node-to-node path is up. */
    default boolean enabled() {
        return nodeId() != null && provider() != null;
    }

    /** A node on its own: every binding is its own. */
    PeerLink NONE = new PeerLink() {
        @Override
        public String nodeId() {
            return null;
        }

        @Override
        public boolean running(String nodeId) {
            return true;
        }

        @Override
        public Optional<Flow> peerHop(String nodeId) {
            return Optional.empty();
        }

        @Override
        public boolean isPeerHop(Flow hop) {
            return false;
        }

        @Override
        public SipProvider provider() {
            return null;
        }

        @Override
        public int ownPeerPort() {
            return 0;
        }

        @Override
        public boolean fromPeer(Flow from) {
            return false;
        }
    };
}
