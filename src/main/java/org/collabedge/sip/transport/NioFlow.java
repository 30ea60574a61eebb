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

    static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Already gone.
        }
    }
}
