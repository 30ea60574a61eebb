package org.collabedge.protection;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.collabedge.host.ConfigStore;
import org.collabedge.host.SharedLock;
import org.collabedge.host.SharedMap;
import org.collabedge.host.SharedState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the active bans in the host's configuration store (document {@value #DOCUMENT}), so a restart of the
 * standalone host, of a single Openfire or of a whole cluster does not forget them: shared state lives in memory only.
 *
 * <p><b>Write cost.</b> An attack from many addresses bans hundreds of addresses a second; the document is written at
 * most once per {@link #SAVE_INTERVAL}, only when the set of bans changed, and holds at most {@value #MAX_STORED}
 * bans: those that run longest. The rest stay in memory only (logged once when that starts and when it ends).
 *
 * <p><b>One writer.</b> In a cluster every node sees the same bans, so one node writes: the holder of a short lease in
 * shared state ({@value #WRITER_LEASE_SECONDS} s, renewed at each save check; another node takes it over when the
 * writer stops or dies). The others follow the document through the store's change events, so whichever becomes the
 * writer knows what is stored. Taking, renewing and giving up the lease read the holder and then write: each runs
 * under the cluster-wide lock {@value #LEASE_LOCK}, or the lease could expire between the two steps, another node
 * take it, and this node's renewal overwrite that (two writers). A node that cannot get the lock within
 * {@link #LEASE_LOCK_WAIT} is not the writer this time and asks again at its next check.
 *
 * <p><b>Restore.</b> At start the stored bans that have not ended go back into shared state with their original end,
 * so they expire as configured, unless a writer lease is live: then other nodes are running and their shared bans
 * are newer than the document (restoring would bring back a ban an admin has just lifted).
 *
 * <p><b>A corrupt document</b> is reported (log, and {@link #problem()} on the bans page until the document is next
 * read) and ignored: no ban is restored from it, the protection settings (their own document) are untouched, and
 * the next save replaces it.
 */
final class BanStore {

    static final String DOCUMENT = "protection-ban-list";
    static final Duration SAVE_INTERVAL = Duration.ofSeconds(2);
    static final int MAX_STORED = 500;
    static final int WRITER_LEASE_SECONDS = 10;

    static final String LEASE_LOCK = "protection-ban-writer";
    static final Duration LEASE_LOCK_WAIT = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(BanStore.class);
    private static final String LEASE = "writer";

    private final ConfigStore store;
    private final SharedMap<String> lease;
    private final SharedLock leaseLock;
    private final String nodeId;
    private final Clock clock;
    private final BanList bans;
    /** What the store holds as far as this node knows; null when unknown or unreadable (the next save writes). */
    private Set<Ban> stored;
    private long lastCheck = Long.MIN_VALUE;
    private boolean overCap;
    private long saves;
    private volatile String problem;

    BanStore(ConfigStore store, SharedState state, String nodeId, Clock clock, BanList bans) {
        this.store = store;
        this.lease = state.map("protection-ban-writer");
        this.leaseLock = state.lock(LEASE_LOCK);
        this.nodeId = nodeId;
        this.clock = clock;
        this.bans = bans;
    }

    /** Puts the stored bans that are still running back into shared state; returns how many. */
    synchronized int restore() {
        boolean othersRunning = lease.get(LEASE).filter(w -> !w.equals(nodeId)).isPresent();
        List<Ban> read = readStored();
        if (read == null || othersRunning) {
            return 0;
        }
        int restored = 0;
        for (Ban b : read) {
            if (bans.restore(b)) {
                restored++;
            }
        }
        if (restored > 0) {
            LOG.info("Restored {} bans from the store; each ends when it was going to", restored);
        }
        return restored;
    }

    /** Saves when this node is the writer, the interval has passed and the bans changed; run on every refresh. */
    synchronized void tick() {
        long now = clock.millis();
        if (lastCheck != Long.MIN_VALUE && now - lastCheck < SAVE_INTERVAL.toMillis()) {
            return;
        }
        lastCheck = now;
        saveIfChanged();
    }

    /** Saves now if this node is the writer and the bans changed (at stop), then gives the writer role up. */
    synchronized void flushAndRelease() {
        saveIfChanged();
        underLeaseLock(() -> {
            if (lease.get(LEASE).filter(nodeId::equals).isPresent()) {
                lease.remove(LEASE); // only our own lease, never one another node took after ours expired
            }
            return true;
        });
    }

    /** Told by the host that a stored document changed on another node. */
    synchronized void externalChange(String document) {
        if (DOCUMENT.equals(document)) {
            readStored();
        }
    }

    /** Why the stored ban list could not be used when it was last read, or null when it could. */
    String problem() {
        return problem;
    }

    /** How many times this node has written the document. */
    synchronized long saves() {
        return saves;
    }

    private void saveIfChanged() {
        if (!holdWriterLease()) {
            return;
        }
        List<Ban> keep = selection();
        Set<Ban> set = Set.copyOf(keep);
        if (set.equals(stored)) {
            return;
        }
        store.save(DOCUMENT, BanDocument.write(keep));
        stored = set;
        saves++; // a problem found at the last read stays reported: the admin should learn what was lost
    }

    /** The longest-running bans, at most {@value #MAX_STORED}. */
    private List<Ban> selection() {
        List<Ban> live = bans.live();
        boolean over = live.size() > MAX_STORED;
        if (over != overCap) {
            overCap = over;
            if (over) {
                LOG.warn("{} bans in force, more than the {} the store keeps: the ones ending soonest are kept in "
                        + "memory only and are lost if every node restarts", live.size(), MAX_STORED);
            } else {
                LOG.info("All bans in force fit in the store again");
            }
        }
        return live.stream().sorted(Comparator.comparingLong(Ban::untilMillis).reversed()
                .thenComparing(Ban::address)).limit(MAX_STORED).toList();
    }

    private boolean holdWriterLease() {
        return underLeaseLock(() -> {
            Duration ttl = Duration.ofSeconds(WRITER_LEASE_SECONDS);
            Optional<String> holder = lease.get(LEASE);
            if (holder.isEmpty()) {
                return lease.putIfAbsent(LEASE, nodeId, ttl);
            }
            if (!holder.get().equals(nodeId)) {
                return false;
            }
            lease.put(LEASE, nodeId, ttl);
            return true;
        });
    }

    /** Runs a read-then-write of the lease under the cluster-wide lock; false when the lock was not had in time. */
    private boolean underLeaseLock(BooleanSupplier step) {
        try {
            if (!leaseLock.tryLock(LEASE_LOCK_WAIT)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            return step.getAsBoolean();
        } finally {
            leaseLock.unlock();
        }
    }

    /** Reads the document; null (and a reported problem) when it cannot be used. */
    private List<Ban> readStored() {
        try {
            Optional<String> text = store.load(DOCUMENT);
            if (text.isEmpty()) {
                stored = Set.of();
                problem = null;
                return List.of();
            }
            BanDocument.Read read = BanDocument.read(text.get());
            stored = Set.copyOf(read.bans());
            problem = null;
            if (read.skipped() > 0) {
                problem = read.skipped() + " unreadable entries in the stored ban list were skipped";
                LOG.warn("{}", problem);
            }
            return read.bans();
        } catch (RuntimeException e) {
            stored = null;
            problem = "The stored ban list (" + DOCUMENT + ") is unreadable and was ignored: " + e.getMessage()
                    + ". It is replaced at the next save.";
            LOG.error("{}", problem);
            return null;
        }
    }
}
