package org.collabedge.protection;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.collabedge.config.EdgeConfig;
import org.collabedge.config.InternalServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Addresses intrusion protection never bans: the admin's addresses and CIDR blocks, and the edge's own internal
 * servers (resolved off the request path, since a name lookup may block). Both sets are replaced whole.
 */
final class Exemptions {

    private static final Logger LOG = LoggerFactory.getLogger(Exemptions.class);

    private volatile List<Cidr> configured = List.of();
    private volatile Set<InetAddress> servers = Set.of();

    boolean isExempt(InetAddress address) {
        if (servers.contains(Cidr.unmapped(address))) {
            return true;
        }
        for (Cidr c : configured) {
            if (c.contains(address)) {
                return true;
            }
        }
        return false;
    }

    void configure(List<String> exemptions) {
        List<Cidr> l = new ArrayList<>();
        for (String e : exemptions) {
            Cidr.parse(e).ifPresent(l::add); // the validator refused anything else before it was stored
        }
        configured = List.copyOf(l);
    }

    /** Resolves every internal server's address; a name that does not resolve now is tried at the next refresh. */
    void resolveServers(EdgeConfig config) {
        Set<InetAddress> found = new HashSet<>();
        for (InternalServer s : config.servers()) {
            try {
                for (InetAddress a : InetAddress.getAllByName(s.address())) {
                    found.add(InetAddress.getByAddress(Cidr.unmapped(a).getAddress()));
                }
            } catch (UnknownHostException e) {
                LOG.debug("Internal server {} does not resolve; not exempt until it does", s.address());
            }
        }
        servers = Set.copyOf(found);
    }

    Set<InetAddress> servers() {
        return servers;
    }
}
