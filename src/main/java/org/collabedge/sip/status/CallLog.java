package org.collabedge.sip.status;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.collabedge.host.SharedMap;
import org.collabedge.host.SharedState;

/**
 * Calls through this node, in shared state so every node's pages show every node's calls: current calls keyed by
 * node and Call-ID (expiring after a day in case a BYE is never seen), and each node's last 500 finished calls under
 * its node id. Only the owning node writes its entries, so a local lock suffices.
 */
public final class CallLog {

    public static final int HISTORY_PER_NODE = 500;
    private static final Duration CURRENT_TTL = Duration.ofHours(24);

    private final SharedMap<StoredCall> current;
    private final SharedMap<ArrayList<StoredCall>> history;
    private final String nodeId;
    private final Clock clock;

    public CallLog(SharedState shared, String nodeId, Clock clock) {
        this.current = shared.map("sip.calls.current");
        this.history = shared.map("sip.calls.history");
        this.nodeId = nodeId;
        this.clock = clock;
    }

    public void started(String callId, String from, String to, String route) {
        current.put(key(callId), StoredCall.of(new CallRecord(callId, from, to, route, nodeId, clock.instant(),
                null, null, 0, null)), CURRENT_TTL);
    }

    public void answered(String callId, int status) {
        current.get(key(callId)).filter(c -> c.answeredAt() == 0).ifPresent(c -> current.put(key(callId),
                StoredCall.of(new CallRecord(c.callId(), c.from(), c.to(), c.route(), c.nodeId(),
                        c.record().startedAt(), clock.instant(), null, status, null)), CURRENT_TTL));
    }

    /** Moves a call to the history; a no-op for calls this node does not know. */
    public synchronized void ended(String callId, int status, String reason) {
        current.get(key(callId)).ifPresent(c -> {
            current.remove(key(callId));
            CallRecord r = c.record();
            CallRecord done = new CallRecord(r.callId(), r.from(), r.to(), r.route(), r.nodeId(), r.startedAt(),
                    r.answeredAt(), clock.instant(), r.finalStatus() != 0 ? r.finalStatus() : status, reason);
            ArrayList<StoredCall> list = new ArrayList<>(history.get(nodeId).orElseGet(ArrayList::new));
            list.add(0, StoredCall.of(done));
            while (list.size() > HISTORY_PER_NODE) {
                list.remove(list.size() - 1);
            }
            history.put(nodeId, list, SharedMap.FOREVER);
        });
    }

    public boolean inCall(String callId) {
        return current.get(key(callId)).isPresent();
    }

    public List<CallRecord> currentCalls() {
        return current.snapshot().values().stream().map(StoredCall::record)
                .sorted(Comparator.comparing(CallRecord::startedAt).reversed()).toList();
    }

    public List<CallRecord> history() {
        return history.snapshot().values().stream().flatMap(List::stream).map(StoredCall::record)
                .sorted(Comparator.comparing(CallRecord::endedAt).reversed()).toList();
    }

    private String key(String callId) {
        return nodeId + "|" + callId;
    }
}
