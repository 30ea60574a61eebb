package org.collabedge.protection;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.collabedge.config.ConfigListener;
import org.collabedge.config.ConfigService;
import org.collabedge.config.DocumentListener;
import org.collabedge.config.ExternalChanges;
import org.collabedge.config.RestartNotices;
import org.collabedge.host.HostContext;
import org.collabedge.metrics.EdgeMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Automated intrusion protection and authorization rate control for every edge listener. Built and started by the
 * core before the services that report to it; {@link #protection()} is what those services are handed. One
 * background thread counts reported failures; one copies the cluster's bans to this node every
 * {@value #REFRESH_MILLIS} ms and saves them to the configuration store when due ({@link BanStore}); another
 * resolves the internal servers' names for the automatic exemptions.
 */
public final class ProtectionService {

    private static final Logger LOG = LoggerFactory.getLogger(ProtectionService.class);
    static final long REFRESH_MILLIS = 200;
    private static final long RESOLVE_MINUTES = 10;

    private final ConfigService edgeConfig;
    private final ExternalChanges externalChanges;
    private final ProtectionConfig config;
    private final ProtectionMetrics metrics;
    private final BanHistory history;
    private final BanList bans;
    private final BanStore banStore;
    private final Exemptions exemptions = new Exemptions();
    private final FailureQueue events;
    private final Protection protection;
    private final DocumentListener<ProtectionSettings> settingsFollower = (before, after) -> {
        exemptions.configure(after.exemptions());
        return null;
    };
    private final ConfigListener serverFollower;
    private ScheduledThreadPoolExecutor background;
    private ExternalChanges.Subscription subscription = ExternalChanges.Subscription.NONE;
    private ExternalChanges.Subscription storeSubscription = ExternalChanges.Subscription.NONE;

    public ProtectionService(HostContext host, ConfigService edgeConfig, ExternalChanges externalChanges,
                             EdgeMetrics edgeMetrics, RestartNotices restartNotices) {
        this.edgeConfig = edgeConfig;
        this.externalChanges = externalChanges;
        this.config = new ProtectionConfig(host.configStore(), host.sharedState(), restartNotices);
        this.history = new BanHistory(host.sharedState(), host.clock());
        this.metrics = new ProtectionMetrics(edgeMetrics, this::activeBans);
        this.bans = new BanList(host.sharedState(), host.clock(), metrics, history);
        this.banStore = new BanStore(host.configStore(), host.sharedState(), host.nodeId(), host.clock(), bans);
        this.events = new FailureQueue(new IntrusionDetector(host.sharedState(), host.clock(), config::current,
                exemptions, bans), metrics);
        RateControl rateControl = new RateControl(host.sharedState(), host.clock(), config::current, metrics);
        this.protection = new Protection(events, bans, rateControl);
        this.serverFollower = (before, after) -> {
            if (!before.servers().equals(after.servers()) && background != null) {
                background.execute(() -> exemptions.resolveServers(after));
            }
            return null;
        };
    }

    public synchronized void start() {
        if (background != null) {
            return;
        }
        config.load();
        exemptions.configure(config.current().exemptions());
        config.addListener(settingsFollower);
        subscription = externalChanges.subscribe(config.document());
        edgeConfig.addListener(serverFollower);
        banStore.restore();
        storeSubscription = externalChanges.subscribe(banStore::externalChange);
        bans.refresh();
        events.start();
        AtomicInteger n = new AtomicInteger();
        background = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "collabedge-protection-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        background.scheduleWithFixedDelay(this::refreshQuietly, REFRESH_MILLIS, REFRESH_MILLIS,
                TimeUnit.MILLISECONDS);
        background.scheduleWithFixedDelay(() -> exemptions.resolveServers(edgeConfig.current()), 0,
                RESOLVE_MINUTES, TimeUnit.MINUTES);
    }

    public synchronized void stop() {
        if (background == null) {
            return;
        }
        background.shutdownNow();
        try {
            if (!background.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Protection's background threads did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        background = null;
        events.stop();
        try {
            banStore.flushAndRelease(); // a ban made in the last interval survives this stop too
        } catch (RuntimeException e) {
            LOG.warn("Could not save the bans at stop; the last saved list stays", e);
        }
        edgeConfig.removeListener(serverFollower);
        config.document().removeListener(settingsFollower);
        subscription.close();
        storeSubscription.close();
    }

    /** The three faces the SIP edge, HTTP proxy and identity service are handed. */
    public Protection protection() {
        return protection;
    }

    public ProtectionConfig config() {
        return config;
    }

    public BanList bans() {
        return bans;
    }

    public BanHistory history() {
        return history;
    }

    public ProtectionMetrics metrics() {
        return metrics;
    }

    /** The internal servers' addresses, exempt automatically. */
    public Set<InetAddress> exemptServers() {
        return exemptions.servers();
    }

    /** Adds an exemption and lifts the bans of addresses it now covers. */
    public void addExemption(String text) {
        ProtectionSettings s = config.addExemption(text);
        exemptions.configure(s.exemptions());
        Cidr added = Cidr.parse(text).orElseThrow();
        for (Ban b : List.copyOf(bans.current())) {
            Cidr.parse(b.address()).filter(a -> {
                try {
                    return added.contains(InetAddress.getByName(a.toString()));
                } catch (java.net.UnknownHostException e) {
                    return false;
                }
            }).ifPresent(a -> bans.unban(b.address(), "exempted as " + added));
        }
    }

    public void removeExemption(String text) {
        ProtectionSettings s = config.removeExemption(text);
        exemptions.configure(s.exemptions());
    }

    /**
     * Copies other nodes' bans now and saves the bans if due; the background thread does this every 200 ms, tests
     * call it directly.
     */
    public void refresh() {
        bans.refresh();
        banStore.tick();
    }

    /** Why the stored ban list could not be used at the last read, or null when it could. */
    public String banStoreProblem() {
        return banStore.problem();
    }

    /** How many times this node has saved the ban list (at most one save per two seconds). */
    public long banStoreSaves() {
        return banStore.saves();
    }

    /** Waits until every failure reported so far has been counted (and has banned whom it bans). */
    public void flush() {
        events.flush();
    }

    private int activeBans() {
        return bans.size();
    }

    private void refreshQuietly() {
        try {
            bans.refresh();
        } catch (RuntimeException e) {
            LOG.warn("Could not read the shared bans; keeping the last known list", e);
        }
        try {
            banStore.tick();
        } catch (RuntimeException e) {
            LOG.warn("Could not save the bans; trying again at the next interval", e);
        }
    }
}
