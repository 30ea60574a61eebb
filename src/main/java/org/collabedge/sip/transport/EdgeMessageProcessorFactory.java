package org.collabedge.sip.transport;

import java.io.IOException;
import java.net.InetAddress;

import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * The stack's listeners: its blocking UDP/TCP/TLS processors (their sockets come from {@link EdgeNetworkLayer}) and
 * the edge's own secure WebSocket processor for transport "WSS". The stack builds this by class name.
 */
public final class EdgeMessageProcessorFactory implements MessageProcessorFactory {

    private final OIOMessageProcessorFactory blocking = new OIOMessageProcessorFactory();

    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port,
                                                   String transport) throws IOException {
        if (WssMessageProcessor.TRANSPORT.equalsIgnoreCase(transport)) {
            return new WssMessageProcessor(address, stack, port);
        }
        return blocking.createMessageProcessor(stack, address, port, transport);
    }
}
