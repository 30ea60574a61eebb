package org.collabedge.sip.transport;

import java.io.IOException;
import java.net.InetAddress;

import gov.nist.core.HostPort;
import gov.nist.javax.sip.ListeningPointImpl;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.TCPMessageProcessor;
import gov.nist.javax.sip.stack.TLSMessageProcessor;

/**
 * The connections a NIO listener opens itself (static routes, internal servers, DNS-resolved next hops) are made by
 * JAIN-SIP's blocking channels, never listening: their sockets come from {@link EdgeNetworkLayer}, which verifies a
 * TLS next hop's certificate against its host name ({@link TlsPeerNames}) and sets TCP_NODELAY. JAIN-SIP's NIO client
 * path builds its {@code SSLEngine} without a peer host, so it cannot check the name. These connections are few (one
 * per next hop), so their two threads each do not matter. Messages arriving on them belong to the listener's provider.
 */
final class OutboundConnections {

    private final MessageProcessor blocking;

    private OutboundConnections(MessageProcessor blocking) {
        this.blocking = blocking;
    }

    static OutboundConnections tls(SIPTransactionStack stack, MessageProcessor listener) {
        return new OutboundConnections(new Tls(listener.getIpAddress(), stack, listener.getPort(), listener));
    }

    static OutboundConnections tcp(SIPTransactionStack stack, MessageProcessor listener) {
        return new OutboundConnections(new Tcp(listener.getIpAddress(), stack, listener.getPort(), listener));
    }

    MessageChannel channel(HostPort target) throws IOException {
        return blocking.createMessageChannel(target);
    }

    MessageChannel channel(InetAddress host, int port) throws IOException {
        return blocking.createMessageChannel(host, port);
    }

    void stop() {
        blocking.stop();
    }

    private static final class Tls extends TLSMessageProcessor {
        private final MessageProcessor listener;

        Tls(InetAddress address, SIPTransactionStack stack, int port, MessageProcessor listener) {
            super(address, stack, port);
            this.listener = listener;
        }

        @Override
        public void start() {
            // Never listens: the NIO processor does.
        }

        @Override
        public synchronized void stop() {
            closeAll(messageChannels.values());
            closeAll(incomingMessageChannels.values());
        }

        @Override
        public ListeningPointImpl getListeningPoint() {
            return listener.getListeningPoint();
        }
    }

    private static final class Tcp extends TCPMessageProcessor {
        private final MessageProcessor listener;

        Tcp(InetAddress address, SIPTransactionStack stack, int port, MessageProcessor listener) {
            super(address, stack, port);
            this.listener = listener;
        }

        @Override
        public void start() {
            // Never listens: the NIO processor does.
        }

        @Override
        public synchronized void stop() {
            closeAll(messageChannels.values());
            closeAll(incomingMessageChannels.values());
        }

        @Override
        public ListeningPointImpl getListeningPoint() {
            return listener.getListeningPoint();
        }
    }

    private static void closeAll(java.util.Collection<ConnectionOrientedMessageChannel> channels) {
        for (ConnectionOrientedMessageChannel c : java.util.List.copyOf(channels)) {
            c.close();
        }
    }
}
