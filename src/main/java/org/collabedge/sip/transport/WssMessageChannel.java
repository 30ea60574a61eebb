package org.collabedge.sip.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.text.ParseException;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import org.collabedge.protection.FailureCategory;
import org.collabedge.protection.SecurityEvents;

/**
 * The stack's view of one SIP-over-WebSocket connection. Reading, parsing and dispatch are the stack's own
 * connection-oriented ones over {@link WssConnection#sipStream()}; sending writes one frame per message. The channel
 * never connects out (a browser cannot be dialled): a message for a WebSocket that is gone fails at once.
 */
final class WssMessageChannel extends ConnectionOrientedMessageChannel {

    private final WssConnection connection;
    private final SecurityEvents events;

    WssMessageChannel(WssConnection connection, SIPTransactionStack stack, WssMessageProcessor processor,
                      SecurityEvents events, String threadName) {
        super(stack);
        this.connection = connection;
        this.events = events;
        mySock = connection.socket();
        peerAddress = mySock.getInetAddress();
        peerPort = mySock.getPort();
        peerProtocol = WssMessageProcessor.TRANSPORT;
        myAddress = processor.getIpAddress().getHostAddress();
        myPort = processor.getPort();
        myClientInputStream = connection.sipStream();
        key = MessageChannel.getKey(peerAddress, peerPort, WssMessageProcessor.TRANSPORT);
        // Registered by the processor itself: the stack must not put this socket in its raw TCP socket cache.
        isCached = true;
        messageProcessor = processor;
        mythread = new Thread(this, threadName);
        mythread.setDaemon(true);
        mythread.start();
    }

    @Override
    protected void close(boolean removeSocket, boolean stopKeepAliveTask) {
        isRunning = false;
        connection.close();
        if (myParser != null) {
            myParser.close();
        }
        if (stopKeepAliveTask) {
            cancelPingKeepAliveTimeoutTaskIfStarted();
        }
    }

    @Override
    protected void sendMessage(byte[] msg, boolean isClient) throws IOException {
        connection.send(msg);
    }

    @Override
    protected void sendMessage(byte[] message, InetAddress receiverAddress, int receiverPort, boolean retry)
            throws IOException {
        if (!receiverAddress.equals(peerAddress) || receiverPort != peerPort) {
            throw new IOException("A SIP WebSocket cannot send to " + receiverAddress.getHostAddress() + ":"
                    + receiverPort);
        }
        connection.send(message);
    }

    /** The flow is this WebSocket whatever transport the client wrote in its Via (browsers write "WS"). */
    @Override
    public void processMessage(SIPMessage message) throws Exception {
        ArrivalTransport.mark(message, WssMessageProcessor.TRANSPORT);
        super.processMessage(message);
    }

    /** A header the parser cannot read: the message is dropped and counted; the connection stays. */
    @Override
    public void handleException(ParseException ex, SIPMessage sipMessage, @SuppressWarnings("rawtypes") Class hdrClass,
                                String header, String message) throws ParseException {
        if (hdrClass != null && isMandatory(hdrClass)) {
            events.failure(FailureCategory.SIP_PROTOCOL, peerAddress, null);
            throw ex;
        }
        sipMessage.addUnparsed(header);
    }

    private static boolean isMandatory(Class<?> c) {
        String n = c.getSimpleName();
        return n.equals("From") || n.equals("To") || n.equals("CSeq") || n.equals("Via") || n.equals("CallID")
                || n.equals("ContentLength") || n.equals("RequestLine") || n.equals("StatusLine");
    }

    @Override
    public String getTransport() {
        return WssMessageProcessor.TRANSPORT;
    }

    @Override
    public boolean isSecure() {
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WssMessageChannel that && that.connection == connection;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(connection);
    }
}
