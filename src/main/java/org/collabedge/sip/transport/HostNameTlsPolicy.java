package org.collabedge.sip.transport;

import gov.nist.javax.sip.ClientTransactionExt;
import gov.nist.javax.sip.TlsSecurityPolicy;

/**
 * The stack's TLS policy hook. Outbound TLS is already verified where the socket is made ({@link EdgeNetworkLayer}:
 * the edge's trusted CAs and the peer's host name), so nothing is left to check per transaction.
 */
public final class HostNameTlsPolicy implements TlsSecurityPolicy {

    @Override
    public void enforceTlsPolicy(ClientTransactionExt transaction) {
        // Verified during the handshake.
    }
}
