package org.collabedge.sip.registrar;

import java.io.Serializable;
import java.util.List;

import org.collabedge.sip.transport.Flow;

/**
 * One contact registered for an address of record, as the shared location service keeps it.
 *
 * @param contact       the Contact URI as the client gave it
 * @param q             the client's preference (0..1), 1 when none
 * @param expiresAt     epoch milliseconds when the binding lapses
 * @param callId        the Call-ID of the REGISTER that made or refreshed it
 * @param cseq          its CSeq number (a lower one with the same Call-ID is out of order)
 * @param path          Path header values to put in front of requests to this contact (RFC 3327)
 * @param flow          the connection or source address the REGISTER came over
 * @param nodeId        the node that holds the flow
 * @param userAgent     the client's User-Agent, or empty
 * @param instance      the RFC 5626 +sip.instance, or empty
 * @param flowClosed    true once the flow's connection closed (requests then fail at once with 480)
 */
public record Binding(String contact, float q, long expiresAt, String callId, long cseq, List<String> path,
                      Flow flow, String nodeId, String userAgent, String instance, boolean flowClosed)
        implements Serializable {

    public Binding {
        path = List.copyOf(path);
    }

    public boolean live(long nowMillis) {
        return expiresAt > nowMillis;
    }

    public Binding closed() {
        return new Binding(contact, q, expiresAt, callId, cseq, path, flow, nodeId, userAgent, instance, true);
    }

    /** Same contact (RFC 3261 10.3: URI equality; a client's instance id identifies it across contact changes). */
    public boolean sameContactAs(Binding other) {
        if (!instance.isEmpty() && instance.equals(other.instance)) {
            return true;
        }
        return contact.equalsIgnoreCase(other.contact);
    }
}
