package org.collabedge.sip.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;

import gov.nist.core.HostPort;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioTlsMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * The client TLS listener on JAIN-SIP's NIO processor: one selector thread for all connections instead of two
 * threads per connection. The TLS context is built once from {@link EdgeSecurityManagerProvider}, whose key manager
 * follows the edge's current certificate. Accepting consults {@link NioAdmission} before the handshake and tracks each
 * connection as a flow; connections the edge opens go through {@link OutboundConnections}.
 */
final class EdgeNioTlsProcessor extends NioTlsMessageProcessor {

    private final NioAdmission admission;
    private final OutboundConnections outbound;
    private final OpeningDeadline deadline;
    private final RecentlyClosed closed = new RecentlyClosed(System::nanoTime);

    EdgeNioTlsProcessor(InetAddress address, SIPTransactionStack stack, int port, NioAdmission admission) {
        this(address, stack, port, admission, OpeningDeadline.DEFAULT);
    }

    EdgeNioTlsProcessor(InetAddress address, SIPTransactionStack stack, int port, NioAdmission admission,
                        java.time.Duration openingLimit) {
        super(address, stack, port);
        this.deadline = new OpeningDeadline(openingLimit, getTransport() + "-" + port);
        this.nioHandler = new AcceptedSockets(stack, this);
        this.admission = admission;
        this.outbound = OutboundConnections.tls(stack, this);
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
            FlowNioTlsChannel channel = ParsingSource.building(client.socket().getInetAddress(),
                    () -> new FlowNioTlsChannel(processor, client, admission.flows()));
            nioHandler.putMessageChannel(client, channel);
            // Known for answers before its first message is processed (see AcceptedSockets).
            ((AcceptedSockets) nioHandler).accepted(client);
            synchronized (this) {
                messageChannels.put(channel.getKey(), channel);
            }
            channel.recordedOnAccept();
            closed.reopened(channel.getKey());
            deadline.watch(channel::isHandshakeCompleted, channel::close, client.socket().getInetAddress().getHostAddress());
            return channel;
        } catch (Exception e) {
            NioFlow.closeQuietly(client);
            throw e instanceof IOException io ? io : new IOException("Cannot set up the connection", e);
        }
    }

    /** A request to a client goes back over its own connection (RFC 5923); anything else is a new outbound one. */
    @Override
    public MessageChannel createMessageChannel(HostPort target) throws IOException {
        String key = MessageChannel.getKey(target, getTransport());
        MessageChannel open = messageChannels.get(key);
        return open != null ? open : notAClosedClient(key).channel(target);
    }

    @Override
    public MessageChannel createMessageChannel(InetAddress host, int port) throws IOException {
        String key = MessageChannel.getKey(host, port, getTransport());
        MessageChannel open = messageChannels.get(key);
        return open != null ? open : notAClosedClient(key).channel(host, port);
    }

    /** Never a new connection to where a client's closed connection came from (see {@link RecentlyClosed}). */
    private OutboundConnections notAClosedClient(String key) throws IOException {
        if (closed.contains(key)) {
            throw new IOException("The client connection " + key + " has closed: not opening a new one to it");
        }
        return outbound;
    }

    /** Called as an accepted connection closes. */
    void acceptedClosed(String key) {
        closed.add(key);
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
