package org.collabedge.auth;

/** Where an edge token is presented; SIP use may outlive the token by the "SIP token extra time-to-live". */
public enum TokenUse {
    SIP, HTTP, XMPP
}
