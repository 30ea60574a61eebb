package org.collabedge.protection;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.collabedge.host.SharedMap;
import org.collabedge.host.SharedState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's bans and this node's copy of them. Bans live in a shared map whose entries expire with the ban; the
 * listeners' question "is this source banned?" is answered from a local concurrent map, changed at once when this
 * node bans or unbans, and by {@link #refresh()} (run every 200 ms) for other nodes' changes. So {@link #admits} is one
 * lock-free hash lookup, and a ban reaches every node within one refresh. (Not an immutable {@code Map.copyOf}: its
 * open addressing degrades badly on consecutive addresses, which is what a scanning attacker brings.)
 */
public final class BanList implements AccessGate {

    private static final Logger LOG = LoggerFactory.getLogger(BanList.class);
    static final String MAP = "protection-bans";

    private final SharedMap<Ban> shared;
    private final Clock clock;
    private final ProtectionMetrics metrics;
    private final BanHistory history;
    private final List<Consumer<InetAddress>> closers = new CopyOnWriteArrayList<>();
    private final Map<InetAddress, Ban> local = new ConcurrentHashMap<>();

    BanList(SharedState state, Clock clock, ProtectionMetrics metrics, BanHistory history) {
        this.shared = state.map(MAP);
        this.clock = clock;
        this.metrics = metrics;
        this.history = history;
    }

    @Override
    public boolean admits(InetAddress source) {
        Ban b = local.get(Cidr.unmapped(source)); // keys are plain IPv4 for ::ffff:a.b.c.d sources
        return b == null || b.untilMillis() <= clock.millis(); // an expired ban stops at once, before the refresh
    }

    @Override
    public AutoCloseable onBan(Consumer<InetAddress> closeConnectionsFrom) {
        closers.add(closeConnectionsFrom);
        return () -> closers.remove(closeConnectionsFrom);
    }

    /**
     * Bans the source cluster-wide unless it already is. Returns true when this call made the ban (then this node
     * logs and counts it; a ban raced from two nodes is made once).
     */
    boolean ban(InetAddress source, FailureCategory category, Duration duration, String lastUser) {
        long now = clock.millis();
        String key = key(source);
        Ban ban = new Ban(key, category.key(), now, now + duration.toMillis());
        if (!shared.putIfAbsent(key, ban, duration)) {
            return false;
        }
        LOG.warn("Banned {} for {} s: too many {} failures (last user named: {})", key, duration.toSeconds(),
                category.key(), lastUser == null ? "none" : LogText.of(lastUser));
        metrics.ban(category.key());
        history.banned(now);
        apply(source, ban);
        return true;
    }

    /** Lifts a ban at once on every node; true when there was one. */
    public synchronized boolean unban(String address, String by) {
        boolean removed = shared.remove(address);
        if (removed) {
            LOG.warn("Unbanned {} ({})", address, by);
            metrics.unban("admin");
            local.keySet().removeIf(a -> key(a).equals(address));
        }
        return removed;
    }

    public boolean isBanned(InetAddress source) {
        return !admits(source);
    }

    /** The live bans, newest first. */
    public List<Ban> current() {
        List<Ban> out = new ArrayList<>(shared.snapshot().values());
        out.sort(Comparator.comparingLong(Ban::sinceMillis).reversed());
        return out;
    }

    public int size() {
        return local.size();
    }

    /** This node's copy of the bans still running, one per address (what the ban store persists). */
    List<Ban> live() {
        long now = clock.millis();
        return local.values().stream().filter(b -> b.untilMillis() > now).distinct().toList();
    }

    /**
     * Puts a ban read back from the store into shared state for the rest of its time, unless the address has a
     * live ban already. Not logged or counted as a new ban: it was when it was made.
     */
    boolean restore(Ban ban) {
        long left = ban.untilMillis() - clock.millis();
        return left > 0 && parse(ban.address()) != null
                && shared.putIfAbsent(ban.address(), ban, Duration.ofMillis(left));
    }

    /** Re-reads the shared bans: other nodes' new bans close connections here too; lifted ones stop. */
    synchronized void refresh() {
        Map<String, Ban> now = shared.snapshot();
        for (var it = local.entrySet().iterator(); it.hasNext(); ) {
            Ban gone = it.next().getValue();
            if (!now.containsKey(gone.address())) {
                it.remove();
                boolean expired = gone.untilMillis() <= clock.millis();
                LOG.info("Ban of {} {}", gone.address(), expired ? "expired" : "lifted on another node");
                metrics.unban(expired ? "expired" : "admin");
            }
        }
        for (Ban b : now.values()) {
            InetAddress a = parse(b.address());
            if (a == null || b.equals(local.get(a))) {
                continue;
            }
            if (local.put(a, b) == null) {
                closeConnections(a); // banned on another node: close its connections here too
            }
            // otherwise banned anew elsewhere after an expiry this node had not seen yet: the new "until" counts
        }
    }

    private synchronized void apply(InetAddress source, Ban ban) {
        local.put(normal(source), ban);
        closeConnections(source);
    }

    private void closeConnections(InetAddress source) {
        for (Consumer<InetAddress> c : closers) {
            try {
                c.accept(source);
            } catch (RuntimeException e) {
                LOG.warn("A listener failed to close the connections of banned {}", key(source), e);
            }
        }
    }

    /** The address without an IPv6 scope, as keys and comparisons need. */
    static String key(InetAddress address) {
        return normal(address).getHostAddress();
    }

    private static InetAddress normal(InetAddress address) {
        try {
            return InetAddress.getByAddress(Cidr.unmapped(address).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress parse(String literal) {
        return Cidr.parse(literal).filter(Cidr::isSingleAddress).map(c -> {
            try {
                return InetAddress.getByName(c.toString());
            } catch (UnknownHostException e) {
                return null;
            }
        }).orElse(null);
    }
}
