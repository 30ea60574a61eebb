package org.collabedge.sip.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import gov.nist.core.HostPort;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;

/**
 * What the edge's NIO TCP and TLS listeners do alike: admit an accepted connection, record it as a flow and for
 * answers, watch that it opens, and decide over which channel a message to a host goes. The two listeners extend
 * different JAIN-SIP processors, so each holds one of these instead of sharing a base class.
 */
final class NioAccepting {

    /** An accepted connection's channel as the listener needs it. */
    interface AcceptedChannel {
        /** Recorded by the listener on accept: the stack must not record it again (see {@link AcceptedSockets}). */
        void recordedOnAccept();

        /** Whether the connection has opened: TLS handshake done, or (TCP) a first byte heard. */
        boolean opened();
    }

    private final NioAdmission admission;
    private final OutboundConnections outbound;
    private final OpeningDeadline deadline;
    private final RecentlyClosed closed = new RecentlyClosed(System::nanoTime);

    NioAccepting(NioAdmission admission, OutboundConnections outbound, Duration openingLimit, String name) {
        this.admission = admission;
        this.outbound = outbound;
        this.deadline = new OpeningDeadline(openingLimit, name);
    }

    FlowTable flows() {
        return admission.flows();
    }

    /**
     * Called by the selector for each accepted connection, before anything is read from it.
     *
     * @param channels the processor's channels by key (answers look there), guarded by {@code lock}
     * @return the connection's channel, or null when it was refused and closed
     */
    <C extends NioTcpMessageChannel & AcceptedChannel> NioTcpMessageChannel accept(SocketChannel client,
            AcceptedSockets sockets, Map<String, ConnectionOrientedMessageChannel> channels, Object lock,
            Callable<C> make) throws IOException {
        NioTcpMessageChannel existing = sockets.getMessageChannel(client);
        if (existing != null) {
            return existing;
        }
        if (!admission.admit(client, sockets.getCurrentChannelSize())) {
            return null; // closed: the selector's registration of it fails quietly (see Slf4jStackLogger)
        }
        try {
            InetAddress source = client.socket().getInetAddress();
            C channel = ParsingSource.building(source, make);
            sockets.putMessageChannel(client, channel);
            // Known for answers before its first message is processed (see AcceptedSockets).
            sockets.accepted(client);
            synchronized (lock) {
                channels.put(channel.getKey(), channel);
            }
            channel.recordedOnAccept();
            closed.reopened(channel.getKey());
            deadline.watch(channel::opened, channel::close, source.getHostAddress());
            return channel;
        } catch (Exception e) {
            NioFlow.closeQuietly(client);
            throw e instanceof IOException io ? io : new IOException("Cannot set up the connection", e);
        }
    }

    /** A message to a client goes back over its own connection (RFC 5923); anything else over a new outbound one. */
    MessageChannel channelTo(Map<String, ConnectionOrientedMessageChannel> channels, HostPort target,
                             String transport) throws IOException {
        String key = MessageChannel.getKey(target, transport);
        MessageChannel open = channels.get(key);
        return open != null ? open : notAClosedClient(key).channel(target);
    }

    MessageChannel channelTo(Map<String, ConnectionOrientedMessageChannel> channels, InetAddress host, int port,
                             String transport) throws IOException {
        String key = MessageChannel.getKey(host, port, transport);
        MessageChannel open = channels.get(key);
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

    void stop() {
        try {
            outbound.stop();
        } finally {
            deadline.stop();
        }
    }
}
