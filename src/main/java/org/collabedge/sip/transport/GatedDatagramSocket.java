package org.collabedge.sip.transport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;

import org.collabedge.protection.AccessGate;

/** The UDP listener's socket: datagrams from banned sources are dropped before the stack parses them. */
final class GatedDatagramSocket extends DatagramSocket {

    private final AccessGate gate;

    GatedDatagramSocket(int port, InetAddress bind, AccessGate gate) throws SocketException {
        super(new InetSocketAddress(bind, port));
        this.gate = gate;
    }

    @Override
    public void receive(DatagramPacket packet) throws IOException {
        int capacity = packet.getData().length;
        while (true) {
            packet.setLength(capacity);
            super.receive(packet);
            if (gate.admits(packet.getAddress())) {
                return;
            }
        }
    }
}
