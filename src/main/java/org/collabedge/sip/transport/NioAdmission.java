package org.collabedge.sip.transport;

import java.io.IOException;
import java.net.Socket;
import java.nio.channels.SocketChannel;

import org.collabedge.protection.AccessGate;

/**
 * What the NIO listeners check on accept, before a byte is read or a TLS handshake starts: the source is not banned
 * and the listener is below its connection limit; an admitted connection gets TCP_NODELAY (SIP messages are small
 * and each one waits for an answer). A refused connection is closed at once.
 */
final class NioAdmission {

    private final FlowTable flows;
    private final AccessGate gate;
    private final int maxConnections;

    NioAdmission(FlowTable flows, AccessGate gate, int maxConnections) {
        this.flows = flows;
        this.gate = gate;
        this.maxConnections = maxConnections;
    }

    FlowTable flows() {
        return flows;
    }

    /** @param current connections the listener holds now */
    boolean admit(SocketChannel client, int current) {
        try {
            Socket s = client.socket();
            if (current < maxConnections && gate.admits(s.getInetAddress())) {
                s.setTcpNoDelay(true);
                return true;
            }
        } catch (IOException e) {
            // Gone already: refused like a banned one.
        }
        NioFlow.closeQuietly(client);
        return false;
    }
}
