package org.collabedge.sip.transport;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An accepted TCP connection that tells the flow table when it closes. TLS is layered over it with auto-close, so
 * closing the TLS socket (the stack does on EOF or error) closes this one too.
 */
final class TrackedSocket extends Socket {

    private final FlowTable flows;
    private final String transport;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Flow flow;

    TrackedSocket(FlowTable flows, String transport) {
        this.flows = flows;
        this.transport = transport;
    }

    /** Called once accept has filled in the remote address. */
    Flow register() {
        flow = new Flow(transport, getInetAddress().getHostAddress(), getPort());
        flows.opened(flow, this);
        return flow;
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            super.close();
        } finally {
            if (flow != null && closed.compareAndSet(false, true)) {
                flows.closed(flow, this);
            }
        }
    }
}
