package org.collabedge.sip.transport;

import java.io.IOException;
import java.net.InetAddress;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * The stack's listeners. Client TCP and TLS run on JAIN-SIP's NIO processors (one selector thread, not two threads
 * per connection: the blocking ones could not hold more than a few thousand clients on one machine), subclassed to
 * keep the access gate, the flow table and the edge's TLS. UDP and the node-to-node TLS listener (a handful of
 * connections, mutual TLS with the cluster certificate, {@link PeerTransport}) stay on the blocking processors, whose
 * sockets come from {@link EdgeNetworkLayer}; "WSS" is the edge's own secure WebSocket processor. The stack builds
 * this by class name.
 */
public final class EdgeMessageProcessorFactory implements MessageProcessorFactory {

    private final OIOMessageProcessorFactory blocking = new OIOMessageProcessorFactory();

    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port,
                                                   String transport) throws IOException {
        if (WssMessageProcessor.TRANSPORT.equalsIgnoreCase(transport)) {
            return new WssMessageProcessor(address, stack, port);
        }
        if (PeerTransport.openingNow() == null && ("TLS".equalsIgnoreCase(transport)
                || "TCP".equalsIgnoreCase(transport))) {
            SipStackImpl sip = (SipStackImpl) stack;
            TransportContext context = StackContexts.get(sip.getStackName(), TransportContext.PROPERTY,
                    TransportContext.class);
            NioAdmission admission = new NioAdmission(context.flows(), context.gate(), maxConnections(sip));
            return "TLS".equalsIgnoreCase(transport)
                    ? new EdgeNioTlsProcessor(address, stack, port, admission)
                    : new EdgeNioTcpProcessor(address, stack, port, admission);
        }
        return blocking.createMessageProcessor(stack, address, port, transport);
    }

    private static int maxConnections(SipStackImpl stack) {
        return Integer.parseInt(stack.getConfigurationProperties().getProperty("gov.nist.javax.sip.MAX_CONNECTIONS",
                Integer.toString(StackProperties.MAX_CONNECTIONS)));
    }
}
