package org.collabedge.sip.transport;

import java.net.InetAddress;
import java.net.Socket;
import java.util.Map;
import java.util.Set;
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

    private final Map<String, Socket> open = new ConcurrentHashMap<>();
    private final Set<String> everSeen = ConcurrentHashMap.newKeySet();
    private final CopyOnWriteArrayList<Consumer<Flow>> closeListeners = new CopyOnWriteArrayList<>();

    void opened(Flow flow, Socket socket) {
        open.put(flow.key(), socket);
        everSeen.add(flow.key());
    }

    void closed(Flow flow, Socket socket) {
        if (open.remove(flow.key(), socket)) {
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
        return open.containsKey(flow.key()) ? FlowState.OPEN : FlowState.CLOSED;
    }

    public int openCount() {
        return open.size();
    }

    /** Closes every connection from a banned address. */
    public void closeAllFrom(InetAddress address) {
        open.values().stream().filter(s -> address.equals(s.getInetAddress())).forEach(FlowTable::quietlyClose);
    }

    /** Closes everything (on stop). */
    public void closeAll() {
        open.values().forEach(FlowTable::quietlyClose);
        open.clear();
    }

    private static void quietlyClose(Socket socket) {
        try {
            socket.close();
        } catch (java.io.IOException e) {
            LOG.debug("Closing a SIP connection failed", e);
        }
    }
}
