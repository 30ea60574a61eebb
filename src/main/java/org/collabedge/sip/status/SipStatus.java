package org.collabedge.sip.status;

import java.util.List;

/** What the SIP edge shows the admin: bindings, current calls and call history of every node. */
public interface SipStatus {

    /** Every binding known cluster-wide, the edge's own and those it relays to internal call control. */
    List<RegistrationView> registrations();

    /** Calls in progress on every node. */
    List<CallRecord> currentCalls();

    /** Finished calls, up to the last 500 per node, newest first. */
    List<CallRecord> callHistory();
}
