package org.collabedge.sip.proxy;

import org.collabedge.sip.transport.Flow;

/** A client transaction's application data: the proxy transaction it belongs to and the flow it went over. */
record Branch(ProxyTransaction transaction, Flow flow) {
}
