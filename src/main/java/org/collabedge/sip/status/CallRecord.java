package org.collabedge.sip.status;

import java.time.Instant;

/**
 * One call through the edge, current or finished, as the Calls pages show it (the seed's "Checking Call Status").
 *
 * @param callId       the outside leg's Call-ID
 * @param from         caller address
 * @param to           callee address
 * @param route        how it was routed: "edge registrar", "internal call control &lt;server&gt;", "static route &lt;pattern&gt;"
 * @param nodeId       the node that handled it
 * @param startedAt    when the INVITE arrived
 * @param answeredAt   when it was answered, or null
 * @param endedAt      when it ended, or null while in progress
 * @param finalStatus  the final response code, or 0 while ringing
 * @param endReason    why it ended ("BYE from caller", "480 flow closed", ...), or null while in progress
 */
public record CallRecord(String callId, String from, String to, String route, String nodeId, Instant startedAt,
                         Instant answeredAt, Instant endedAt, int finalStatus, String endReason) {

    public boolean inProgress() {
        return endedAt == null;
    }
}
