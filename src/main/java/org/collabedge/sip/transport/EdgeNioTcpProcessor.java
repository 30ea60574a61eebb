package org.collabedge.sip.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;

import gov.nist.core.HostPort;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * The client TCP listener on JAIN-SIP's NIO processor: one selector thread for all connections. Accepting consults
 * {@link NioAdmission} and tracks each connection as a flow; connections the edge opens go through
 * {@link OutboundConnections}.
 */
final class EdgeNioTcpProcessor extends NioTcpMessageProcessor {

    private final NioAdmission admission;
    private final OutboundConnections outbound;
    private final OpeningDeadline deadline;

    EdgeNioTcpProcessor(InetAddress address, SIPTransactionStack stack, int port, NioAdmission admission) {
        this(address, stack, port, admission, OpeningDeadline.DEFAULT);
    }

    EdgeNioTcpProcessor(InetAddress address, SIPTransactionStack stack, int port, NioAdmission admission,
                        java.time.Duration openingLimit) {
        super(address, stack, port);
        this.deadline = new OpeningDeadline(openingLimit, getTransport() + "-" + port);
        this.nioHandler = new AcceptedSockets(stack, this);
        this.admission = admission;
        this.outbound = OutboundConnections.tcp(stack, this);
    }

    /** Called by the selector for each accepted connection, before anything is read from it. */
    @Override
    public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor processor, SocketChannel client)
            throws IOException {
        NioTcpMessageChannel existing = nioHandler.getMessageChannel(client);
        if (existing != null) {
            return existing;
        }
        if (!admission.admit(client, nioHandler.getCurrentChannelSize())) {
            return null; // closed: the selector's registration of it fails quietly (see Slf4jStackLogger)
        }
        try {
            FlowNioTcpChannel channel = ParsingSource.building(client.socket().getInetAddress(),
                    () -> new FlowNioTcpChannel(processor, client, admission.flows()));
            nioHandler.putMessageChannel(client, channel);
            // Known for answers before its first message is processed (see AcceptedSockets).
            ((AcceptedSockets) nioHandler).accepted(client);
            synchronized (this) {
                messageChannels.put(channel.getKey(), channel);
            }
            channel.recordedOnAccept();
            deadline.watch(channel::heard, channel::close, client.socket().getInetAddress().getHostAddress());
            return channel;
        } catch (Exception e) {
            NioFlow.closeQuietly(client);
            throw e instanceof IOException io ? io : new IOException("Cannot set up the connection", e);
        }
    }

    /** A request to a client goes back over its own connection (RFC 5923); anything else is a new outbound one. */
    @Override
    public MessageChannel createMessageChannel(HostPort target) throws IOException {
        MessageChannel open = messageChannels.get(MessageChannel.getKey(target, getTransport()));
        return open != null ? open : outbound.channel(target);
    }

    @Override
    public MessageChannel createMessageChannel(InetAddress host, int port) throws IOException {
        MessageChannel open = messageChannels.get(MessageChannel.getKey(host, port, getTransport()));
        return open != null ? open : outbound.channel(host, port);
    }

    @Override
    public void stop() {
        try {
            super.stop();
        } finally {
            outbound.stop();
            deadline.stop();
        }
    }
}
