package org.collabedge.sip.transport;

import java.net.InetAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.collabedge.sip.status.FlowState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections clients opened to this node. A flow is open from accept to close; when its socket closes (peer
 * gone, idle, banned) it is forgotten at once, so a request for a binding on it fails fast instead of timing out.
 */
public final class FlowTable {

    private static final Logger LOG = LoggerFactory.getLogger(FlowTable.class);

    /** An open connection: its remote address, what owns it (socket or NIO channel), how to close it. */
    private record Connection(InetAddress remote, Object owner, java.io.Closeable closer,
                              java.util.function.BooleanSupplier isOpen) {
    }

    private final Map<String, Connection> open = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<Flow>> closeListeners = new CopyOnWriteArrayList<>();

    void opened(Flow flow, Socket socket) {
        opened(flow, socket.getInetAddress(), socket, socket, () -> !socket.isClosed());
    }

    /**
     * A connection opened (blocking socket or NIO channel). {@code isOpen} lets a connection closed behind the owner's
     * back (the stack closes some channels directly) count as closed when it is next looked at.
     */
    void opened(Flow flow, InetAddress remote, Object owner, java.io.Closeable closer,
                java.util.function.BooleanSupplier isOpen) {
        open.put(flow.key(), new Connection(remote, owner, closer, isOpen));
    }

    void closed(Flow flow, Object owner) {
        Connection c = open.get(flow.key());
        if (c != null && c.owner() == owner && open.remove(flow.key(), c)) {
            LOG.debug("SIP flow {} closed", flow);
            closeListeners.forEach(l -> l.accept(flow));
        }
    }

    /** Hears of every flow that closes on this node. */
    public void onClose(Consumer<Flow> listener) {
        closeListeners.add(listener);
    }

    /** The state of a flow on this node: UDP is always a datagram flow, TCP/TLS open only while connected. */
    public FlowState state(Flow flow) {
        if (!flow.reliable()) {
            return FlowState.DATAGRAM;
        }
        Connection c = open.get(flow.key());
        if (c != null && !c.isOpen().getAsBoolean()) {
            closed(flow, c.owner());
            c = null;
        }
        return c != null ? FlowState.OPEN : FlowState.CLOSED;
    }

    public int openCount() {
        return open.size();
    }

    /** Closes every connection from a banned address. */
    public void closeAllFrom(InetAddress address) {
        open.values().stream().filter(c -> address.equals(c.remote())).forEach(FlowTable::quietlyClose);
    }

    /** Closes everything (on stop). */
    public void closeAll() {
        open.values().forEach(FlowTable::quietlyClose);
        open.clear();
    }

    private static void quietlyClose(Connection connection) {
        try {
            connection.closer().close();
        } catch (java.io.IOException e) {
            LOG.debug("Closing a SIP connection failed", e);
        }
    }
}
