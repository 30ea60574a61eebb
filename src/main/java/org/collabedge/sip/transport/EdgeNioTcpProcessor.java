package org.collabedge.sip.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import gov.nist.core.HostPort;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * The client TCP listener on JAIN-SIP's NIO processor: one selector thread for all connections. Accepting consults
 * {@link NioAdmission} and tracks each connection as a flow; connections the edge opens go through
 * {@link OutboundConnections} (the shared part: {@link NioAccepting}).
 */
final class EdgeNioTcpProcessor extends NioTcpMessageProcessor {

    private final NioAccepting accepting;

    EdgeNioTcpProcessor(InetAddress address, SIPTransactionStack stack, int port, NioAdmission admission) {
        this(address, stack, port, admission, OpeningDeadline.DEFAULT);
    }

    EdgeNioTcpProcessor(InetAddress address, SIPTransactionStack stack, int port, NioAdmission admission,
                        Duration openingLimit) {
        super(address, stack, port);
        this.nioHandler = new AcceptedSockets(stack, this);
        this.accepting = new NioAccepting(admission, OutboundConnections.tcp(stack, this), openingLimit,
                getTransport() + "-" + port);
    }

    /** Called by the selector for each accepted connection, before anything is read from it. */
    @Override
    public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor processor, SocketChannel client)
            throws IOException {
        return accepting.accept(client, (AcceptedSockets) nioHandler, messageChannels, this,
                () -> new FlowNioTcpChannel(processor, client, accepting.flows()));
    }

    @Override
    public MessageChannel createMessageChannel(HostPort target) throws IOException {
        return accepting.channelTo(messageChannels, target, getTransport());
    }

    @Override
    public MessageChannel createMessageChannel(InetAddress host, int port) throws IOException {
        return accepting.channelTo(messageChannels, host, port, getTransport());
    }

    /** Called as an accepted connection closes. */
    void acceptedClosed(String key) {
        accepting.acceptedClosed(key);
    }

    @Override
    public void stop() {
        try {
            super.stop();
        } finally {
            accepting.stop();
        }
    }
}
