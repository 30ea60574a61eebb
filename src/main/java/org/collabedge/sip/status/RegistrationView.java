package org.collabedge.sip.status;

import java.time.Instant;

/**
 * One binding as the Registrations page shows it.
 *
 * @param addressOfRecord the registered address, e.g. sip:alice@example.com
 * @param contact         the contact as the client gave it
 * @param transport       TLS, TCP, UDP or WSS
 * @param remoteAddress   the client's address and port as the edge sees it (after NAT)
 * @param expiresAt       when the binding lapses unless refreshed
 * @param nodeId          the cluster node holding the client's connection
 * @param flowState       whether that connection is open
 * @param userAgent       the client's User-Agent, or empty
 * @param internal        true when the binding is held by internal call control (the edge only relays it)
 */
public record RegistrationView(String addressOfRecord, String contact, String transport, String remoteAddress,
                               Instant expiresAt, String nodeId, FlowState flowState, String userAgent,
                               boolean internal) {
}
