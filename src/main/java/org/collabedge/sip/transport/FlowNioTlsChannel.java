package org.collabedge.sip.transport;

import java.io.IOException;
import java.nio.channels.SocketChannel;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioTlsMessageChannel;
import org.collabedge.sip.validation.OversizedMessages;
import org.collabedge.sip.validation.ReportingParserFactory;

/**
 * An accepted SIP-over-TLS connection of the NIO listener (one {@code SSLEngine} on the selector, no thread of its
 * own), tracked as a flow until it closes.
 */
final class FlowNioTlsChannel extends NioTlsMessageChannel
        implements NioAccepting.AcceptedChannel {

    private final NioFlow flow;

    FlowNioTlsChannel(NioTcpMessageProcessor processor, SocketChannel channel, FlowTable flows) throws IOException {
        super(processor, channel);
        flow = new NioFlow(flows, "TLS", channel, this);
    }

    /** The parser refuses a message without Call-ID by throwing before it parses: still a protocol failure. */
    @Override
    public void addPlaintextBytes(byte[] bytes) throws Exception {
        try {
            super.addPlaintextBytes(bytes);
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
        return isHandshakeCompleted();
    }

    @Override
    public void recordedOnAccept() {
        isCached = true;
    }

    /** Only over this connection while it is open: never a new connection to the client's port (see NioFlow). */
    @Override
    protected void sendMessage(byte[] message, boolean isClient) throws IOException {
        flow.checkOpen(socketChannel); // before the TLS engine is reset for a reconnection
        super.sendMessage(message, isClient);
    }

    @Override
    public void sendMessage(byte[] message, java.net.InetAddress receiverAddress, int receiverPort, boolean retry)
            throws IOException {
        flow.checkOpen(socketChannel);
        super.sendMessage(message, receiverAddress, receiverPort, retry);
    }

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
            if (messageProcessor instanceof EdgeNioTlsProcessor listener) {
                listener.acceptedClosed(getKey());
            }
        }
    }
}
