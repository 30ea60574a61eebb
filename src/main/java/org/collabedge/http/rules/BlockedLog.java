package org.collabedge.http.rules;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.collabedge.host.SharedMap;

/**
 * The last {@link #CAPACITY} blocked requests of this node in a lock-free ring, published to a shared map under the
 * node's id so every node's admin page shows every node's log.
 */
public final class BlockedLog {

    public static final int CAPACITY = 100;
    /** A node that stops publishing (it left the cluster) drops out of the shown log after this. */
    static final Duration KEEP = Duration.ofDays(1);

    private final AtomicReferenceArray<BlockedRequest> ring = new AtomicReferenceArray<>(CAPACITY);
    private final AtomicLong written = new AtomicLong();
    private final SharedMap<ArrayList<BlockedRequest>> shared;
    private final String nodeId;
    private final Clock clock;
    private long published = 0;

    public BlockedLog(SharedMap<ArrayList<BlockedRequest>> shared, String nodeId, Clock clock) {
        this.shared = shared;
        this.nodeId = nodeId;
        this.clock = clock;
    }

    public void add(String source, String method, String url, String deploymentId, String ruleId, String reason) {
        long n = written.getAndIncrement();
        ring.set((int) (n % CAPACITY), new BlockedRequest(clock.instant(), nodeId, source, method, url,
                deploymentId, ruleId, reason));
    }

    /** This node's entries, newest first. */
    public List<BlockedRequest> local() {
        List<BlockedRequest> out = new ArrayList<>(CAPACITY);
        for (int i = 0; i < CAPACITY; i++) {
            BlockedRequest b = ring.get(i);
            if (b != null) {
                out.add(b);
            }
        }
        out.sort(Comparator.comparing(BlockedRequest::time).reversed());
        return out;
    }

    /** Publishes this node's entries when there are new ones. */
    public synchronized void publish() {
        long now = written.get();
        if (now != published) {
            shared.put(nodeId, new ArrayList<>(local()), KEEP);
            published = now;
        }
    }

    /** Every node's entries, newest first. */
    public List<BlockedRequest> all() {
        publish();
        List<BlockedRequest> out = new ArrayList<>();
        shared.snapshot().values().forEach(out::addAll);
        out.sort(Comparator.comparing(BlockedRequest::time).reversed());
        return out;
    }
}
