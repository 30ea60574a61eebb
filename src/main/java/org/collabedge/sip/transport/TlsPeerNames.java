package org.collabedge.sip.transport;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The name a TLS next hop's certificate must carry when the proxy found the hop's address through DNS: the stack only
 * hands the network layer an address, so the proxy notes here which configured name (RFC 5922: the domain that was
 * resolved, not the SRV target) stands behind "address:port" before it sends there.
 */
public final class TlsPeerNames {

    private static final int MAX = 10_000;
    private static final Map<String, String> NAMES = new ConcurrentHashMap<>();

    private TlsPeerNames() {
    }

    public static void expect(String address, int port, String name) {
        if (NAMES.size() >= MAX) {
            NAMES.clear(); // resolution notes them again before the next send
        }
        NAMES.put(key(address, port), name);
    }

    public static Optional<String> expected(InetAddress address, int port) {
        return Optional.ofNullable(NAMES.get(key(address.getHostAddress(), port)));
    }

    private static String key(String address, int port) {
        try {
            return InetAddress.getByName(address).getHostAddress() + "|" + port;
        } catch (java.net.UnknownHostException e) {
            return address + "|" + port;
        }
    }
}
