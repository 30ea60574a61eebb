package org.collabedge.sip.proxy;

import org.collabedge.sip.transport.Flow;

/**
 * A client transaction's application data: the proxy transaction it belongs to, the flow it went over, and the
 * Record-Route entries the edge added to this branch's request (restored in responses when the branch was hidden).
 */
record Branch(ProxyTransaction transaction, Flow flow, java.util.List<String> addedRecordRoutes) {

    Branch(ProxyTransaction transaction, Flow flow) {
        this(transaction, flow, java.util.List.of());
    }
}
