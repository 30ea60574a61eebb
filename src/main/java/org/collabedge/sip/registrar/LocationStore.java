package org.collabedge.sip.registrar;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import org.collabedge.host.SharedLock;
import org.collabedge.host.SharedMap;
import org.collabedge.host.SharedState;
import org.collabedge.sip.transport.Flow;

/**
 * The location service: bindings per address of record in shared state, so every node finds every registered
 * client. Changes are read-modify-write under a per-address cluster lock; an entry lives as long as its longest
 * binding. A second map indexes flows to addresses, so a closed connection marks its bindings at once.
 */
public final class LocationStore {

    private static final Duration LOCK_WAIT = Duration.ofSeconds(5);

    private final SharedState shared;
    private final SharedMap<BindingSet> bindings;
    private final SharedMap<String> flowIndex;
    private final Clock clock;

    public LocationStore(SharedState shared, Clock clock) {
        this.shared = shared;
        this.bindings = shared.map("sip.location");
        this.flowIndex = shared.map("sip.location.flows");
        this.clock = clock;
    }

    /** The canonical key of an address of record: "sip:user@domain", lower case. */
    public static String aor(String user, String domain) {
        return "sip:" + user + "@" + domain.toLowerCase(Locale.ROOT);
    }

    /** Live bindings, highest q first. */
    public List<Binding> lookup(String aor) {
        long now = clock.millis();
        return bindings.get(aor).map(s -> s.live(now)).orElse(List.of()).stream()
                .sorted(Comparator.comparingDouble((Binding b) -> b.q()).reversed()).toList();
    }

    /** Every live binding set (for the Registrations page). */
    public List<BindingSet> all() {
        long now = clock.millis();
        return bindings.snapshot().values().stream().map(s -> new BindingSet(s.addressOfRecord(), s.live(now)))
                .filter(s -> !s.bindings().isEmpty()).toList();
    }

    /** Applies {@code change} to the live bindings of {@code aor} atomically; returns what is stored now. */
    public List<Binding> update(String aor, UnaryOperator<List<Binding>> change) {
        SharedLock lock = shared.lock("sip.location." + aor);
        try {
            if (!lock.tryLock(LOCK_WAIT)) {
                throw new IllegalStateException("Location of " + aor + " is locked by another node");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while updating " + aor, e);
        }
        try {
            List<Binding> after = List.copyOf(change.apply(new ArrayList<>(lookup(aor))));
            long now = clock.millis();
            long last = after.stream().mapToLong(Binding::expiresAt).max().orElse(now);
            if (after.isEmpty() || last <= now) {
                bindings.remove(aor);
                return List.of();
            }
            Duration ttl = Duration.ofMillis(last - now);
            bindings.put(aor, new BindingSet(aor, after), ttl);
            for (Binding b : after) {
                flowIndex.put(flowKey(b.nodeId(), b.flow()), aor, Duration.ofMillis(b.expiresAt() - now));
            }
            return after;
        } finally {
            lock.unlock();
        }
    }

    /** Marks the bindings made over a flow of this node that has just closed. */
    public void flowClosed(String nodeId, Flow flow) {
        String key = flowKey(nodeId, flow);
        flowIndex.get(key).ifPresent(aor -> {
            update(aor, list -> list.stream()
                    .map(b -> b.flow().equals(flow) && b.nodeId().equals(nodeId) ? b.closed() : b).toList());
            flowIndex.remove(key);
        });
    }

    private static String flowKey(String nodeId, Flow flow) {
        return nodeId + "|" + flow.key();
    }
}
