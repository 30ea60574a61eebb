package org.collabedge.sip.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import org.collabedge.protection.AccessGate;

/**
 * A blocking TCP listener for the stack's OIO path (client TCP runs on {@link EdgeNioTcpProcessor}): refuses banned
 * sources before reading a byte, and tracks each accepted connection as a flow. Its accept also serves the TLS
 * server sockets ({@link TlsServerSocket}).
 */
final class GatedServerSocket extends ServerSocket {

    private final FlowTable flows;
    private final AccessGate gate;

    GatedServerSocket(int port, int backlog, InetAddress bind, FlowTable flows, AccessGate gate) throws IOException {
        super(port, backlog, bind);
        this.flows = flows;
        this.gate = gate;
    }

    @Override
    public Socket accept() throws IOException {
        return acceptAdmitted(this, flows, gate, "TCP");
    }

    /** Accepts until a connection from an admitted source arrives. */
    static TrackedSocket acceptAdmitted(ServerSocket server, FlowTable flows, AccessGate gate, String transport)
            throws IOException {
        while (true) {
            TrackedSocket socket = new TrackedSocket(flows, transport);
            if (server instanceof GatedServerSocket g) {
                g.implAccept(socket);
            } else {
                ((TlsServerSocket) server).acceptInto(socket);
            }
            if (gate.admits(socket.getInetAddress())) {
                socket.setTcpNoDelay(true);
                socket.register();
                return socket;
            }
            socket.close();
        }
    }
}
