package org.collabedge.sip;

import static org.collabedge.sip.SipSteps.ackFor;
import static org.collabedge.sip.SipSteps.contactUri;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/**
 * Calls between {@link TestPhone}s as the cluster tests make them: an authenticated INVITE (the 407 challenge
 * answered), an answered call through the edge, and hand-built in-dialog requests along a route set (see
 * {@link SipSteps} for the smaller steps).
 */
final class ClusterCalls {

    static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0\r\n";

    private ClusterCalls() {
    }

    /** An answered call from {@code caller} to {@code callee}; the callee's INVITE and the caller's 200. */
    record Dialog(SipMsg invite, SipMsg ok, String callerTag, String calleeTag, String callerContact,
                  String calleeContact) {
    }

    /** Calls, rings and answers (tags caller1/callee1); checks both nodes removed their Via from the 200. */
    static Dialog invite(TestPhone caller, TestPhone callee, String callId) throws Exception {
        sendAuthenticatedInvite(caller, callee.aor(), callId);
        SipMsg invite = callee.wire.expectRequest("INVITE");
        assertEquals(callee.contact(), invite.requestUri());
        callee.wire.send(callee.respond(invite, 180, "Ringing", "callee1", null));
        assertEquals(180, caller.wire.expectStatus(180).status());
        callee.wire.send(callee.respond(invite, 200, "OK", "callee1", SDP));
        SipMsg ok = caller.wire.expectStatus(200);
        assertEquals(1, ok.headers("Via").size(), "both nodes removed their Via");
        assertEquals(invite.headers("Record-Route"), ok.headers("Record-Route"));
        return new Dialog(invite, ok, "caller1", "callee1", caller.contact(),
                contactUri(ok));
    }

    /** An INVITE with SDP, its 407 acknowledged, then again with Proxy-Authorization. */
    static void sendAuthenticatedInvite(TestPhone caller, String target, String callId) throws Exception {
        caller.wire.send(caller.request("INVITE", target, target, callId, "caller1", null, List.of(), SDP));
        SipMsg challenge = caller.wire.expectStatus(407);
        caller.wire.send(ackFor(challenge, target));
        String auth = caller.answer(challenge.header("Proxy-Authenticate"), "INVITE", target, caller.password);
        caller.wire.send(caller.request("INVITE", target, target, callId, "caller1", null,
                List.of("Proxy-Authorization: " + auth), SDP));
    }

    /** An in-dialog request from {@code phone} to {@code target} along {@code routes} (a null body sends none). */
    static String inDialog(TestPhone phone, String method, String target, String callId, List<String> routes,
                           String localTag, String remoteTag, int cseq, String body) {
        StringBuilder b = new StringBuilder(method + " " + target + " SIP/2.0\r\n");
        b.append("Via: ").append(phone.via(TestPhone.branch())).append("\r\n");
        routes.forEach(r -> b.append("Route: ").append(r).append("\r\n"));
        b.append("Max-Forwards: 70\r\n");
        b.append("From: <").append(phone.aor()).append(">;tag=").append(localTag).append("\r\n");
        b.append("To: <sip:peer@example.com>;tag=").append(remoteTag).append("\r\n");
        b.append("Call-ID: ").append(callId).append("\r\n");
        b.append("CSeq: ").append(cseq).append(' ').append(method).append("\r\n");
        b.append("Contact: <").append(phone.contact()).append(">\r\n");
        if (body != null) {
            b.append("Content-Type: application/sdp\r\n");
        }
        b.append("Content-Length: ").append(body == null ? 0 : body.length()).append("\r\n\r\n");
        if (body != null) {
            b.append(body);
        }
        return b.toString();
    }


}
