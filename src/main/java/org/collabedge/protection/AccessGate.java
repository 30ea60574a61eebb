package org.collabedge.protection;

import java.net.InetAddress;
import java.util.function.Consumer;

/**
 * Asked by every edge listener before it spends anything on a source: a banned address's TCP/TLS connections are
 * closed before the handshake and its datagrams dropped. Listeners also register to close the open connections of
 * an address the moment it is banned.
 */
public interface AccessGate {

    /** Admits everyone: what listeners use while no protection service runs. */
    AccessGate OPEN = new AccessGate() {
        @Override
        public boolean admits(InetAddress source) {
            return true;
        }

        @Override
        public AutoCloseable onBan(Consumer<InetAddress> closeConnectionsFrom) {
            return () -> { };
        }
    };

    /** Whether this source may be served now. Must cost well under a microsecond. */
    boolean admits(InetAddress source);

    /** Calls {@code closeConnectionsFrom} with each newly banned address; closing the result unregisters it. */
    AutoCloseable onBan(Consumer<InetAddress> closeConnectionsFrom);
}
