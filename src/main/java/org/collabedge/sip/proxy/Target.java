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
 */
public record Target(URI requestUri, Flow flow, boolean flowClosed, List<String> path, boolean clientSide) {

    public Target {
        path = List.copyOf(path);
    }
}
