package org.collabedge.protection;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import org.collabedge.host.SharedCounters;
import org.collabedge.host.SharedState;

/**
 * Counts each failure (handed over by {@link FailureQueue}, off the request path) per category and source address in a cluster-wide sliding window and bans the address
 * when a switched-on category's threshold is reached. Exempt and already banned addresses are not counted.
 */
final class IntrusionDetector implements SecurityEvents {

    private final SharedCounters counters;
    private final Clock clock;
    private final Supplier<ProtectionSettings> settings;
    private final Exemptions exemptions;
    private final BanList bans;

    IntrusionDetector(SharedState state, Clock clock, Supplier<ProtectionSettings> settings, Exemptions exemptions,
                      BanList bans) {
        this.counters = state.counters("protection-failures");
        this.clock = clock;
        this.settings = settings;
        this.exemptions = exemptions;
        this.bans = bans;
    }

    @Override
    public void failure(FailureCategory category, InetAddress source, String user) {
        ProtectionSettings s = settings.get();
        CategorySettings rule = s.category(category);
        if (!s.intrusionProtectionEnabled() || !rule.enabled() || source == null
                || bans.isBanned(source) || exemptions.isExempt(source)) {
            return;
        }
        SlidingWindow window = new SlidingWindow(counters, Duration.ofSeconds(rule.windowSeconds()));
        String key = category.key() + "|" + BanList.key(source);
        long now = clock.millis();
        if (window.add(key, 1, now) >= rule.threshold()
                && bans.ban(source, category, Duration.ofSeconds(rule.banSeconds()), user)) {
            window.reset(key, now); // after the ban the address starts from zero
        }
    }
}
