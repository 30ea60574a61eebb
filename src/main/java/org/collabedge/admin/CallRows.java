package org.collabedge.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.collabedge.i18n.Messages;
import org.collabedge.sip.status.CallRecord;

/** Calls as the Calls and Call history pages list them (the seed's "Checking Call Status"). */
final class CallRows {

    /** One call with its duration and status in words. */
    public record Row(CallRecord call, String duration, String status) {
    }

    private CallRows() {
    }

    static List<Row> of(List<CallRecord> calls, Instant now, Messages messages) {
        return calls.stream().map(c -> new Row(c, duration(c, now), status(c, messages))).toList();
    }

    /** Talk time once answered, otherwise time since the INVITE; "h:mm:ss". */
    static String duration(CallRecord c, Instant now) {
        Instant from = c.answeredAt() != null ? c.answeredAt() : c.startedAt();
        Instant to = c.endedAt() != null ? c.endedAt() : now;
        if (from == null || to == null || to.isBefore(from)) {
            return "0:00:00";
        }
        long s = Duration.between(from, to).toSeconds();
        return String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    static String status(CallRecord c, Messages messages) {
        if (c.inProgress()) {
            return messages.get(c.answeredAt() != null ? "sip.call.connected" : "sip.call.ringing");
        }
        if (c.answeredAt() != null) {
            return messages.get("sip.call.completed", String.valueOf(c.finalStatus()));
        }
        return messages.get("sip.call.failed", String.valueOf(c.finalStatus()));
    }
}
