package org.collabedge.sip.transport;

import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;

import gov.nist.javax.sip.stack.NIOHandler;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * The NIO listener's socket table, told about an accepted connection as soon as it is accepted. JAIN-SIP records an
 * accepted socket only while the connection's first message is being processed, and marks the connection cached
 * before it does; with its message pool, a second message of the same connection (another Call-ID, another pool
 * thread) can then be answered before the socket is in the table, and the answer goes to a new outbound connection
 * to the client's source port, which fails. Recording it on accept closes that window.
 */
final class AcceptedSockets extends NIOHandler {

    AcceptedSockets(SIPTransactionStack stack, NioTcpMessageProcessor processor) {
        super(stack, processor);
    }

    /** Records an accepted connection under the key responses to its remote address and port are sent by. */
    void accepted(SocketChannel client) {
        if (client.socket().getRemoteSocketAddress() instanceof InetSocketAddress remote) {
            putSocket(makeKey(remote.getAddress(), remote.getPort()), client);
        }
    }
}
