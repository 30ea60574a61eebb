package org.collabedge.protection;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

import org.collabedge.host.SharedCounters;
import org.collabedge.host.SharedState;

/**
 * Authorization rate control: each authorization of a user counts in a cluster-wide sliding window of "Rate control
 * period" seconds, whichever transport it came by (HTTP sign-in, token refresh, SIP digest), and the attempt that
 * would exceed "Maximum authorizations per period" is refused with the time until the oldest counted attempts leave
 * the window. A refused attempt is taken back out of the count, so a client that honours Retry-After gets in.
 */
final class RateControl implements AuthorizationRateControl {

    private final SharedCounters counters;
    private final Clock clock;
    private final Supplier<ProtectionSettings> settings;
    private final ProtectionMetrics metrics;

    RateControl(SharedState state, Clock clock, Supplier<ProtectionSettings> settings, ProtectionMetrics metrics) {
        this.counters = state.counters("protection-authorizations");
        this.clock = clock;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public RateDecision authorize(String user) {
        if (user == null || user.isBlank()) {
            return RateDecision.ALLOWED; // nobody to count: failures without a user are intrusion protection's
        }
        ProtectionSettings s = settings.get();
        SlidingWindow window = new SlidingWindow(counters, Duration.ofSeconds(s.rateControlPeriodSeconds()));
        String key = user.trim().toLowerCase(Locale.ROOT);
        long now = clock.millis();
        long total = window.add(key, 1, now);
        if (total <= s.maxAuthorizationsPerPeriod()) {
            metrics.authorization(true);
            return RateDecision.ALLOWED;
        }
        window.add(key, -1, now);
        metrics.authorization(false);
        Duration wait = window.timeUntilBelow(key, s.maxAuthorizationsPerPeriod(), now);
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000); // Retry-After is whole seconds, never 0
        return RateDecision.refused(Duration.ofSeconds(seconds));
    }
}
