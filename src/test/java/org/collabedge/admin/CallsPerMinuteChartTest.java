package org.collabedge.admin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.collabedge.i18n.Messages;
import org.collabedge.sip.status.CallRecord;
import org.junit.jupiter.api.Test;

/** Calls per minute over the history, and the call rows' durations and states. */
class CallsPerMinuteChartTest {

    private static final Instant T = Instant.parse("2026-03-01T12:00:10Z");

    private static CallRecord call(Instant start, Instant answered, Instant end, int status) {
        return new CallRecord("id", "sip:a@example.com", "sip:b@example.com", "edge registrar", "node-a", start,
                answered, end, status, end == null ? null : "BYE from caller");
    }

    @Test
    void countsCallsPerMinuteFromTheOldestToTheNewest() {
        List<CallRecord> calls = List.of(call(T, null, T.plusSeconds(5), 486),
                call(T.plusSeconds(30), null, T.plusSeconds(40), 486),
                call(T.plusSeconds(185), null, T.plusSeconds(190), 486));
        assertArrayEquals(new int[] {2, 0, 0, 1}, CallsPerMinuteChart.perMinute(calls));
        String svg = CallsPerMinuteChart.svg(calls, Messages.english());
        assertEquals(2, svg.split("class=\"bar\"", -1).length - 1, "a bar per minute with calls");
        assertTrue(svg.contains("12:00") && svg.contains("12:03 UTC"));
        assertNull(CallsPerMinuteChart.svg(List.of(), Messages.english()), "nothing to draw");
    }

    @Test
    void aLongHistoryIsCutToTheLastTwoHours() {
        List<CallRecord> calls = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            calls.add(call(T.plusSeconds(60L * i), null, T.plusSeconds(60L * i + 1), 486));
        }
        assertEquals(CallsPerMinuteChart.MAX_MINUTES, CallsPerMinuteChart.perMinute(calls).length);
    }

    @Test
    void durationIsTalkTimeOnceAnsweredAndStatusSaysHowItWent() {
        Messages de = Messages.forLocale(Locale.GERMAN);
        CallRecord answered = call(T, T.plusSeconds(10), T.plusSeconds(3735), 200);
        assertEquals("1:02:05", CallRows.duration(answered, T));
        assertEquals("beendet (200)", CallRows.status(answered, de));
        CallRecord ringing = call(T, null, null, 0);
        assertEquals("0:00:42", CallRows.duration(ringing, T.plusSeconds(42)));
        assertEquals("ringing", CallRows.status(ringing, Messages.english()));
        assertEquals("failed (486)", CallRows.status(call(T, null, T.plusSeconds(3), 486), Messages.english()));
    }
}
