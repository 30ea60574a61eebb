package org.collabedge.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.collabedge.protection.AccessGate;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SelectorManager;

/**
 * Intrusion protection at the door of the HTTPS edge. A banned address's connection is closed as it is accepted,
 * before its channel is registered and before one TLS byte is read; the open connections of an address that gets
 * banned later are closed when the gate says so.
 */
final class ConnectionGate implements SelectorManager.AcceptListener, Connection.Listener {

    private final AccessGate gate;
    private final Map<InetAddress, Set<EndPoint>> open = new ConcurrentHashMap<>();

    ConnectionGate(AccessGate gate) {
        this.gate = gate;
    }

    @Override
    public void onAccepting(SelectableChannel channel) {
        if (channel instanceof SocketChannel socket) {
            InetAddress address = address(remote(socket));
            if (address == null || !gate.admits(address)) {
                try {
                    // The selector's registration then fails on the closed channel and drops it.
                    socket.close();
                } catch (IOException ignored) {
                    // already gone
                }
            }
        }
    }

    @Override
    public void onOpened(Connection connection) {
        EndPoint endPoint = connection.getEndPoint();
        InetAddress address = address(endPoint.getRemoteSocketAddress());
        if (address != null) {
            open.computeIfAbsent(address, a -> ConcurrentHashMap.newKeySet()).add(endPoint);
        }
    }

    @Override
    public void onClosed(Connection connection) {
        EndPoint endPoint = connection.getEndPoint();
        InetAddress address = address(endPoint.getRemoteSocketAddress());
        if (address != null) {
            open.computeIfPresent(address, (a, set) -> {
                set.remove(endPoint);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /** Closes every open connection from {@code address} (it has just been banned). */
    void closeAllFrom(InetAddress address) {
        Set<EndPoint> endPoints = open.remove(address);
        if (endPoints != null) {
            endPoints.forEach(EndPoint::close);
        }
    }

    int openConnectionsFrom(InetAddress address) {
        Set<EndPoint> endPoints = open.get(address);
        return endPoints == null ? 0 : endPoints.size();
    }

    private static SocketAddress remote(SocketChannel socket) {
        try {
            return socket.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    private static InetAddress address(SocketAddress socketAddress) {
        return socketAddress instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
