package org.collabedge.sip.transport;

import java.io.IOException;
import java.nio.channels.SocketChannel;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import org.collabedge.sip.validation.OversizedMessages;
import org.collabedge.sip.validation.ReportingParserFactory;

/** An accepted SIP-over-TCP connection of the NIO listener that is tracked as a flow until it closes. */
final class FlowNioTcpChannel extends NioTcpMessageChannel implements NioAccepting.AcceptedChannel {

    private final NioFlow flow;
    /** Whether any byte has arrived: a connection that stays silent is closed ({@link OpeningDeadline}). */
    private volatile boolean heard;

    FlowNioTcpChannel(NioTcpMessageProcessor processor, SocketChannel channel, FlowTable flows) throws IOException {
        super(processor, channel);
        messageProcessor = processor;
        flow = new NioFlow(flows, "TCP", channel, this);
    }

    /** The parser refuses a message without Call-ID by throwing before it parses: still a protocol failure. */
    @Override
    protected void addBytes(byte[] bytes) throws Exception {
        heard = true;
        try {
            super.addBytes(bytes);
        } catch (IOException refused) {
            ReportingParserFactory.refusedUnparsed(((SipStackImpl) sipStack).getStackName(), peerAddress);
            throw refused;
        } catch (RuntimeException tooLarge) {
            // The parser gives up on a message beyond the size limit without telling anyone: count it.
            OversizedMessages.countIfTooLarge(tooLarge, ((SipStackImpl) sipStack).getStackName(), peerAddress);
            throw tooLarge;
        }
    }

    @Override
    public boolean opened() {
        return heard;
    }

    @Override
    public void recordedOnAccept() {
        isCached = true;
    }

    /** Only over this connection while it is open: never a new connection to the client's port (see NioFlow). */
    @Override
    public void sendTCPMessage(byte[] message, java.net.InetAddress receiverAddress, int receiverPort, boolean retry)
            throws IOException {
        flow.checkOpen(socketChannel);
        super.sendTCPMessage(message, receiverAddress, receiverPort, retry);
    }

    @Override
    protected void close(boolean removeSocket, boolean stopKeepAliveTask) {
        try {
            super.close(removeSocket, stopKeepAliveTask);
        } finally {
            flow.closed();
            if (messageProcessor instanceof EdgeNioTcpProcessor listener) {
                listener.acceptedClosed(getKey());
            }
        }
    }
}
