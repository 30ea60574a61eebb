package org.collabedge.sip.transport;

import java.io.IOException;
import java.nio.channels.SocketChannel;

import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;

/** An accepted SIP-over-TCP connection of the NIO listener that is tracked as a flow until it closes. */
final class FlowNioTcpChannel extends NioTcpMessageChannel {

    private final NioFlow flow;

    FlowNioTcpChannel(NioTcpMessageProcessor processor, SocketChannel channel, FlowTable flows) throws IOException {
        super(processor, channel);
        messageProcessor = processor;
        flow = new NioFlow(flows, "TCP", channel, this);
    }

    @Override
    protected void close(boolean removeSocket, boolean stopKeepAliveTask) {
        try {
            super.close(removeSocket, stopKeepAliveTask);
        } finally {
            flow.closed();
        }
    }
}
