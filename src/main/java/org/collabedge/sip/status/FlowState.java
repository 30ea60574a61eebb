package org.collabedge.sip.status;

/** Whether the connection a client registered over is still open; requests to a closed flow fail fast with 480. */
public enum FlowState {
    OPEN, CLOSED, DATAGRAM
}
