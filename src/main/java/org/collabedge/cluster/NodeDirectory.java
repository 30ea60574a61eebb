package org.collabedge.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.collabedge.host.SharedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which edge nodes are running and what each offers, kept in shared state so it reads the same on every node. Each
 * node refreshes its own entry every {@link #HEARTBEAT}; an entry a node stops refreshing (crash, network split)
 * expires after {@link #EXPIRY}. A clean stop removes the entry at once.
 *
 * <p>Services call {@link #advertise} when they bind something other nodes need (the SIP edge's internal address,
 * the HTTPS port), and read other nodes through {@link #nodes()} or {@link #node(String)}.
 */
public final class NodeDirectory implements AutoCloseable {

    public static final Duration HEARTBEAT = Duration.ofSeconds(10);
    public static final Duration EXPIRY = Duration.ofSeconds(35);
    private static final Logger LOG = LoggerFactory.getLogger(NodeDirectory.class);

    private final SharedMap<EdgeNode> shared;
    private final String nodeId;
    private final Supplier<String> publicHostName;
    private final Clock clock;
    private final Map<String, String> endpoints = new ConcurrentHashMap<>();
    private ScheduledExecutorService heartbeat;

    /**
     * @param shared         the cluster-wide map of nodes (one entry per node id)
     * @param publicHostName this node's public host name, read on every refresh so a change shows within a heartbeat
     */
    public NodeDirectory(SharedMap<EdgeNode> shared, String nodeId, Supplier<String> publicHostName, Clock clock) {
        this.shared = shared;
        this.nodeId = nodeId;
        this.publicHostName = publicHostName;
        this.clock = clock;
    }

    public synchronized void start() {
        if (heartbeat != null) {
            return;
        }
        publish();
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "collabedge-node-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long period = HEARTBEAT.toMillis();
        heartbeat.scheduleAtFixedRate(this::publishQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (heartbeat == null) {
            return;
        }
        heartbeat.shutdownNow();
        heartbeat = null;
        shared.remove(nodeId);
    }

    /** Tells the other nodes about one of this node's endpoints; replaces an earlier value under the same key. */
    public void advertise(String key, String value) {
        endpoints.put(key, value);
        publishIfRunning();
    }

    /** Stops advertising {@code key} (the service behind it stopped). */
    public void withdraw(String key) {
        if (endpoints.remove(key) != null) {
            publishIfRunning();
        }
    }

    public String nodeId() {
        return nodeId;
    }

    /** This node as the others see it now. */
    public EdgeNode self() {
        return new EdgeNode(nodeId, publicHostName.get(), endpoints, clock.millis());
    }

    /** Every running node, this one included, ordered by node id. */
    public List<EdgeNode> nodes() {
        Map<String, EdgeNode> all = new java.util.HashMap<>(shared.snapshot());
        all.put(nodeId, self()); // present even between a remove and the next heartbeat
        return all.values().stream().sorted(Comparator.comparing(EdgeNode::nodeId)).toList();
    }

    /** One node by id, if it is running. */
    public Optional<EdgeNode> node(String id) {
        return nodeId.equals(id) ? Optional.of(self()) : shared.get(id);
    }

    private synchronized void publishIfRunning() {
        if (heartbeat != null) {
            publish();
        }
    }

    private void publish() {
        shared.put(nodeId, self(), EXPIRY);
    }

    private void publishQuietly() {
        try {
            publish();
        } catch (RuntimeException e) {
            // Shared state briefly unavailable (cluster merge): the next heartbeat tries again.
            LOG.warn("Could not refresh this node's entry in the node directory: {}", e.toString());
        }
    }
}
