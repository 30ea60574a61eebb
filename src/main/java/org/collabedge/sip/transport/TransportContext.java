package org.collabedge.sip.transport;

import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import org.collabedge.protection.AccessGate;

/**
 * What the stack's network layer needs from the edge. The stack builds its network layer by class name, so this
 * travels to it as an object inside the stack's configuration properties under {@link #PROPERTY}.
 */
public record TransportContext(FlowTable flows, AccessGate gate, Supplier<SSLContext> serverTls,
                               Supplier<SSLContext> clientTls) {

    public static final String PROPERTY = "org.collabedge.sip.TRANSPORT_CONTEXT";
}
