package org.collabedge.sip;

/**
 * Where the media relay rewrites the session descriptions of calls crossing the edge: each SDP offer and answer
 * passes through here before it is forwarded. The edge alone passes SDP unchanged.
 */
public interface SdpRewriter {

    /** Which way a session description travels. */
    enum Direction { TOWARDS_CALLEE, TOWARDS_CALLER }

    SdpRewriter PASS_THROUGH = (callId, direction, sdp) -> sdp;

    /** Returns the description to forward (the same text when nothing changes). */
    String rewrite(String callId, Direction direction, String sdp);
}
