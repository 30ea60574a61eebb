package org.collabedge.sip.status;

import java.io.Serializable;
import java.time.Instant;

/** A {@link CallRecord} in the form shared state carries between nodes (epoch milliseconds, 0 for none). */
record StoredCall(String callId, String from, String to, String route, String nodeId, long startedAt,
                  long answeredAt, long endedAt, int finalStatus, String endReason) implements Serializable {

    static StoredCall of(CallRecord r) {
        return new StoredCall(r.callId(), r.from(), r.to(), r.route(), r.nodeId(), millis(r.startedAt()),
                millis(r.answeredAt()), millis(r.endedAt()), r.finalStatus(), r.endReason());
    }

    CallRecord record() {
        return new CallRecord(callId, from, to, route, nodeId, instant(startedAt), instant(answeredAt),
                instant(endedAt), finalStatus, endReason);
    }

    private static long millis(Instant i) {
        return i == null ? 0 : i.toEpochMilli();
    }

    private static Instant instant(long m) {
        return m == 0 ? null : Instant.ofEpochMilli(m);
    }
}
