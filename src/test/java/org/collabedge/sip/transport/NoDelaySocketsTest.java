package org.collabedge.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import org.collabedge.protection.AccessGate;
import org.junit.jupiter.api.Test;

/**
 * SIP over TCP sends many small messages each way on one connection; with Nagle's algorithm a message written while
 * the previous one is unacknowledged waits for the peer's delayed ACK (tens of milliseconds). Both the accepted
 * client connections and the edge's own outbound connections therefore switch Nagle off, and still carry data and
 * count as flows as before.
 */
class NoDelaySocketsTest {

    @Test
    void acceptedConnectionsSendWithoutDelayAndAreTrackedAsFlows() throws Exception {
        FlowTable flows = new FlowTable();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (GatedServerSocket server = new GatedServerSocket(0, 10, loopback, flows, AccessGate.OPEN);
             Socket client = new Socket(loopback, server.getLocalPort());
             Socket accepted = server.accept()) {
            assertTrue(accepted.getTcpNoDelay(), "Nagle off on the client's connection");
            assertEquals(1, flows.openCount(), "the connection is a flow");
            client.getOutputStream().write("\r\n\r\n".getBytes());
            InputStream in = accepted.getInputStream();
            assertEquals('\r', in.read(), "data passes as before");
        }
    }

    @Test
    void outboundConnectionsSendWithoutDelay() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        EdgeNetworkLayer layer = new EdgeNetworkLayer();
        try (ServerSocket peer = new ServerSocket(0, 10, loopback);
             Socket out = layer.createSocket(loopback, peer.getLocalPort());
             Socket bound = layer.createSocket(loopback, peer.getLocalPort(), loopback, 0);
             Socket in = peer.accept()) {
            assertTrue(out.getTcpNoDelay());
            assertTrue(bound.getTcpNoDelay());
            assertEquals(loopback, bound.getLocalAddress(), "the requested local address is still used");
            OutputStream o = out.getOutputStream();
            o.write('x');
            assertEquals('x', in.getInputStream().read());
        }
    }
}
