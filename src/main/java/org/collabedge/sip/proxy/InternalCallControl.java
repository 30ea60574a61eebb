package org.collabedge.sip.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.collabedge.config.Domain;
import org.collabedge.config.EdgeConfig;
import org.collabedge.config.HostNames;
import org.collabedge.config.InternalServer;
import org.collabedge.config.ServerType;
import org.collabedge.sip.transport.Flow;

/**
 * The deployment's call control servers for a domain whose SIP lives inside: which one the next request goes to
 * (round-robin over the configured servers, each resolved through RFC 3263 DNS into the addresses to try), and
 * whether a request came from one of them (then it is trusted to reach the edge's clients without edge
 * authentication).
 */
public final class InternalCallControl {

    private final Supplier<EdgeConfig> config;
    private final NextHops hops;
    private final AtomicInteger next = new AtomicInteger();

    public InternalCallControl(Supplier<EdgeConfig> config, NextHops hops) {
        this.config = config;
        this.hops = hops;
    }

    /** The resolver of configured next hops, shared with static routes. */
    public NextHops hops() {
        return hops;
    }

    public List<InternalServer> serversFor(Domain domain) {
        return config.get().serversIn(domain.deploymentId()).stream()
                .filter(s -> s.type() == ServerType.CALL_CONTROL).toList();
    }

    /** The next server's first address for this domain, round-robin; empty when the deployment has none. */
    public Optional<Flow> pick(Domain domain) {
        return ordered(domain).stream().findFirst();
    }

    /**
     * Every address of every server of the domain, starting with the round-robin choice: the first is used, the rest
     * are tried in turn when it fails (connect failure, 408 or 503). A server named without a port contributes its
     * SRV targets in RFC 2782 order.
     */
    public List<Flow> ordered(Domain domain) {
        List<InternalServer> servers = serversFor(domain);
        if (servers.isEmpty()) {
            return List.of();
        }
        int start = Math.floorMod(next.getAndIncrement(), servers.size());
        List<Flow> out = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            out.addAll(resolve(servers.get((start + i) % servers.size())));
        }
        return List.copyOf(new LinkedHashSet<>(out));
    }

    /** Whether a request arrived from a configured call control server (by any of its resolved addresses). */
    public boolean isInternal(Flow from) {
        for (InternalServer s : config.get().servers()) {
            if (s.type() == ServerType.CALL_CONTROL
                    && resolve(s).stream().anyMatch(f -> sameAddress(f.host(), from.host()))) {
                return true;
            }
        }
        return false;
    }

    private List<Flow> resolve(InternalServer s) {
        return hops.resolve(s.address(), s.port(), s.transport().name());
    }

    private static boolean sameAddress(String a, String b) {
        if (a.equalsIgnoreCase(b)) {
            return true;
        }
        try {
            // Only literals are compared: getByName on a literal does not touch the DNS.
            return HostNames.isIpLiteral(a) && HostNames.isIpLiteral(b)
                    && InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
