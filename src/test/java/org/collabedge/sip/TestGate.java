package org.collabedge.sip;

import java.net.InetAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.collabedge.protection.AccessGate;

/** An access gate the tests ban and unban addresses on, telling the listeners as the real ban list does. */
final class TestGate implements AccessGate {

    private final Set<InetAddress> banned = ConcurrentHashMap.newKeySet();
    private final CopyOnWriteArrayList<Consumer<InetAddress>> listeners = new CopyOnWriteArrayList<>();

    void ban(InetAddress address) {
        banned.add(address);
        listeners.forEach(l -> l.accept(address));
    }

    void unban(InetAddress address) {
        banned.remove(address);
    }

    @Override
    public boolean admits(InetAddress source) {
        return !banned.contains(source);
    }

    @Override
    public AutoCloseable onBan(Consumer<InetAddress> closeConnectionsFrom) {
        listeners.add(closeConnectionsFrom);
        return () -> listeners.remove(closeConnectionsFrom);
    }
}
