package org.collabedge.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.Optional;

import org.collabedge.host.SharedMap;
import org.collabedge.testing.MutableClock;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The standalone host's shared state: one map, counter set and lock per name, and the sweep of expired entries.
 * Each kind on its own: {@link LocalSharedMapTest}, {@link LocalSharedCountersTest}, {@link LocalSharedLockTest}.
 */
class LocalSharedStateTest {

    @AutoClose
    private final SharedStateFixture fixture = new SharedStateFixture();
    private final MutableClock clock = fixture.clock;
    private final LocalSharedState state = fixture.state;

    @Test
    void theSameNameGivesTheSameMapCountersAndLock() {
        assertSame(state.map("registrations"), state.map("registrations"));
        assertNotSame(state.map("registrations"), state.map("tokens"));
        assertSame(state.counters("rate"), state.counters("rate"));
        assertSame(state.lock("config"), state.lock("config"));
        assertNotSame(state.lock("config"), state.lock("other"));
    }

    @Test
    void purgeExpiredSweepsEveryMapAndCounterSet() {
        state.<String>map("a").put("x", "1", Duration.ofSeconds(1));
        state.<String>map("b").put("y", "2", Duration.ofSeconds(1));
        state.<String>map("b").put("z", "3", SharedMap.FOREVER);
        state.counters("c").addAndGet("n", 1, Duration.ofSeconds(1));
        state.counters("c").addAndGet("m", 1, Duration.ZERO);

        assertEquals(0, state.purgeExpired());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(3, state.purgeExpired());
        assertEquals(0, state.purgeExpired());
        assertEquals(1, state.counters("c").get("m"));
        assertEquals(Optional.of("3"), state.<String>map("b").get("z"));
    }
}
