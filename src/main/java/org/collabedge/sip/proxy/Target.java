package org.collabedge.sip.proxy;

import java.util.List;

import javax.sip.address.URI;

import org.collabedge.sip.transport.Flow;

/**
 * Where one branch of a forwarded request goes.
 *
 * @param requestUri the new Request-URI (a registered contact), or null to keep the request's
 * @param flow       the connection or address to send over (a client's flow, a static route's next hop), or null to
 *                   follow Route and Request-URI
 * @param flowClosed true when the flow is known closed: the branch fails at once with 480
 * @param path       Route entries to put in front (a binding's Path)
 * @param clientSide true when the target is an outside client, so its flow token goes into Record-Route
 * @param nodeId     the node holding {@code flow} when another node of the cluster does, else null
 */
public record Target(URI requestUri, Flow flow, boolean flowClosed, List<String> path, boolean clientSide,
                     String nodeId) {

    public Target {
        path = List.copyOf(path);
    }

    /** A target whose flow (if any) is this node's. */
    public Target(URI requestUri, Flow flow, boolean flowClosed, List<String> path, boolean clientSide) {
        this(requestUri, flow, flowClosed, path, clientSide, null);
    }
}
