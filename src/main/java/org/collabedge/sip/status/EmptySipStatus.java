package org.collabedge.sip.status;

import java.util.List;

/** The SIP status while no SIP service runs: nothing registered, no calls. The pages then say so. */
public final class EmptySipStatus implements SipStatus {

    public static final EmptySipStatus INSTANCE = new EmptySipStatus();

    private EmptySipStatus() {
    }

    @Override
    public List<RegistrationView> registrations() {
        return List.of();
    }

    @Override
    public List<CallRecord> currentCalls() {
        return List.of();
    }

    @Override
    public List<CallRecord> callHistory() {
        return List.of();
    }
}
