package org.collabedge.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class SharedEntryAndNamesTest {

    @Test
    void escapedNamesHaveNoDotsAndMapBack() {
        for (String name : List.of("edge-config", "certificates.identity", "a.b.c", "ünï/cødé ~", "x_y-Z9")) {
            String escaped = PropertyNames.escape(name);
            assertFalse(escaped.contains("."), escaped);
            assertEquals(name, PropertyNames.unescape(escaped));
        }
        assertEquals("edge-config", PropertyNames.escape("edge-config"));
        assertNull(PropertyNames.unescape("a.b"));
        assertNull(PropertyNames.unescape("bad~Z"));
        assertNull(PropertyNames.unescape("~4"));
        assertThrows(IllegalArgumentException.class, () -> PropertyNames.escape(""));
    }

    @Test
    void entriesCarryTheirExpiry() {
        long now = 1_000_000L;
        byte[] raw = SharedEntry.encode(SharedEntry.expiry(now, Duration.ofSeconds(1)), SharedEntry.serialize("v"));
        assertTrue(SharedEntry.isLive(raw, now + 999));
        assertFalse(SharedEntry.isLive(raw, now + 1000));
        assertEquals("v", SharedEntry.deserialize(raw));

        byte[] forever = SharedEntry.encode(SharedEntry.expiry(now, Duration.ZERO), new byte[0]);
        assertTrue(SharedEntry.isLive(forever, Long.MAX_VALUE));
        assertFalse(SharedEntry.isLive(null, now));
        assertThrows(IllegalArgumentException.class, () -> SharedEntry.expiry(now, Duration.ofSeconds(-1)));
        assertEquals(Long.MAX_VALUE, SharedEntry.expiry(Long.MAX_VALUE - 5, Duration.ofDays(1)));
    }

    @Test
    void payloadsCompareWithoutTheirExpiry() {
        byte[] a = SharedEntry.encode(5L, new byte[] {1, 2});
        byte[] b = SharedEntry.encode(9L, new byte[] {1, 2});
        byte[] c = SharedEntry.encode(5L, new byte[] {1, 3});
        assertTrue(SharedEntry.samePayload(a, b));
        assertFalse(SharedEntry.samePayload(a, c));
    }
}
