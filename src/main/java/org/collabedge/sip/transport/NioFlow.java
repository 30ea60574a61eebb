package org.collabedge.sip.transport;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;

import gov.nist.javax.sip.stack.MessageChannel;

/**
 * The flow of one accepted NIO connection: registered in the flow table when the channel is made (before any byte is
 * read), forgotten once when the channel closes, so a registration on it is marked at once and a ban closes it.
 */
final class NioFlow {

    private final FlowTable flows;
    private final Flow flow;
    private final MessageChannel owner;
    private final AtomicBoolean closed = new AtomicBoolean();

    NioFlow(FlowTable flows, String transport, SocketChannel channel, MessageChannel owner) {
        this.flows = flows;
        this.owner = owner;
        java.net.Socket s = channel.socket();
        this.flow = new Flow(transport, s.getInetAddress().getHostAddress(), s.getPort());
        flows.opened(flow, s.getInetAddress(), owner, owner::close, channel::isOpen);
    }

    /** Called from the channel's close, however it was reached (peer gone, parse error, ban, stop). */
    void closed() {
        if (closed.compareAndSet(false, true)) {
            flows.closed(flow, owner);
        }
    }

    /**
     * Refuses to send over an accepted connection that is gone. JAIN-SIP would otherwise open a new connection to the
     * client's source port (its socket table no longer holds the old one), which reaches nothing behind NAT, blocks
     * the sending thread in connect, and leaves a channel the listener never admitted or tracks; RFC 5923/5626: the
     * edge reaches a client only over the client's own connection.
     */
    void checkOpen(SocketChannel channel) throws IOException {
        if (closed.get() || channel == null || !channel.isOpen()) {
            throw new IOException("The client's connection " + flow.key() + " is closed");
        }
    }

    static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Already gone.
        }
    }
}
