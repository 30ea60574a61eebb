package org.collabedge.sip.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.collabedge.config.Domain;
import org.collabedge.config.EdgeConfig;
import org.collabedge.config.InternalServer;
import org.collabedge.config.ServerType;
import org.collabedge.sip.transport.Flow;

/**
 * The deployment's call control servers for a domain whose SIP lives inside: which one the next request goes to
 * (round-robin over the configured servers), and whether a request came from one of them (then it is trusted to
 * reach the edge's clients without edge authentication).
 */
public final class InternalCallControl {

    private final Supplier<EdgeConfig> config;
    private final AtomicInteger next = new AtomicInteger();

    public InternalCallControl(Supplier<EdgeConfig> config) {
        this.config = config;
    }

    public List<InternalServer> serversFor(Domain domain) {
        return config.get().serversIn(domain.deploymentId()).stream()
                .filter(s -> s.type() == ServerType.CALL_CONTROL).toList();
    }

    /** The next server's flow for this domain, round-robin; empty when the deployment has none. */
    public Optional<Flow> pick(Domain domain) {
        List<InternalServer> servers = serversFor(domain);
        if (servers.isEmpty()) {
            return Optional.empty();
        }
        InternalServer s = servers.get(Math.floorMod(next.getAndIncrement(), servers.size()));
        return Optional.of(new Flow(s.transport().name(), s.address(), s.port()));
    }

    /**
     * Every server of the domain, starting with the round-robin choice: the first is used, the rest are tried in
     * turn when it fails (408 or 503).
     */
    public List<Flow> ordered(Domain domain) {
        List<InternalServer> servers = serversFor(domain);
        if (servers.isEmpty()) {
            return List.of();
        }
        int start = Math.floorMod(next.getAndIncrement(), servers.size());
        List<Flow> out = new java.util.ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            InternalServer s = servers.get((start + i) % servers.size());
            out.add(new Flow(s.transport().name(), s.address(), s.port()));
        }
        return out;
    }

    /** Whether a request arrived from a configured call control server (by address). */
    public boolean isInternal(Flow from) {
        for (InternalServer s : config.get().servers()) {
            if (s.type() != ServerType.CALL_CONTROL) {
                continue;
            }
            try {
                for (InetAddress a : InetAddress.getAllByName(s.address())) {
                    if (a.getHostAddress().equals(from.host())) {
                        return true;
                    }
                }
            } catch (UnknownHostException e) {
                // an unresolvable server cannot be the source
            }
        }
        return false;
    }
}
