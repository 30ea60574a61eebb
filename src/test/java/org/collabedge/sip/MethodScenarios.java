package org.collabedge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Every SIP method through the edge, scripted between two phones that each sit on their own socket: a caller
 * ({@code a}) and a callee ({@code b}), each with whatever stands between it and the other (the edge as registrar,
 * or the edge and internal call control). The same scripts run for every route the edge offers; each asserts on
 * what arrives on the far socket, so a request that does not follow its route set never arrives.
 */
final class MethodScenarios {

    static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0\r\na=sendrecv\r\n";
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** A phone and whether the next hop challenges its dialog-starting requests (407). */
    record Party(TestPhone phone, boolean challenged) {
        RawSipClient wire() {
            return phone.wire;
        }
    }

    /** Both sides of an established (or early) dialog, and the CSeq of the INVITE that formed it. */
    record Call(TestDialog a, TestDialog b, SipMsg invite) {
    }

    final Party a;
    final Party b;

    MethodScenarios(Party a, Party b) {
        this.a = a;
        this.b = b;
    }

    static String sdp(String direction) {
        return SDP.replace("a=sendrecv", "a=" + direction);
    }

    /** Sends a dialog-starting request, answering a 407 (and ACKing it for INVITE); returns the request as sent. */
    static SipMsg sendInitial(Party from, String method, String target, String callId, String fromTag,
                              List<String> extra, String contentType, String body) throws IOException {
        TestPhone p = from.phone();
        String text = p.request(method, target, target, callId, fromTag, null, extra, contentType, body);
        if (from.challenged()) {
            p.wire.send(text);
            SipMsg challenge = p.wire.expectStatus(407);
            if (method.equals("INVITE")) {
                p.wire.send(ackFor(challenge, target));
            }
            List<String> withAuth = new ArrayList<>(extra);
            withAuth.add("Proxy-Authorization: " + p.answer(challenge.header("Proxy-Authenticate"), method, target,
                    p.password));
            text = p.request(method, target, target, callId, fromTag, null, withAuth, contentType, body);
        }
        p.wire.send(text);
        return SipMsg.parse(text);
    }

    /** The hop-by-hop ACK for a non-2xx final response to an INVITE. */
    static String ackFor(SipMsg response, String uri) {
        return "ACK " + uri + " SIP/2.0\r\n" + "Via: " + response.header("Via") + "\r\n" + "Max-Forwards: 70\r\n"
                + "From: " + response.header("From") + "\r\n" + "To: " + response.header("To") + "\r\n"
                + "Call-ID: " + response.header("Call-ID") + "\r\n"
                + "CSeq: " + response.header("CSeq").replace("INVITE", "ACK") + "\r\n" + "Content-Length: 0\r\n\r\n";
    }

    /** The CANCEL of a sent INVITE: same Request-URI, top Via, From, To, Call-ID and CSeq number. */
    static String cancelOf(SipMsg invite) {
        return "CANCEL " + invite.requestUri() + " SIP/2.0\r\n" + "Via: " + invite.headers("Via").get(0) + "\r\n"
                + "Max-Forwards: 70\r\n" + "From: " + invite.header("From") + "\r\n" + "To: " + invite.header("To")
                + "\r\n" + "Call-ID: " + invite.header("Call-ID") + "\r\n" + "CSeq: "
                + TestDialog.cseqNumber(invite) + " CANCEL\r\n" + "Content-Length: 0\r\n\r\n";
    }

    static SipMsg expectResponse(RawSipClient wire, int status, String method) throws IOException {
        return wire.expect(m -> m.isResponse() && m.status() == status && m.method().equals(method), WAIT);
    }

    /** The next request of this method inside a dialog (a To tag), skipping retransmissions of the INVITE. */
    static SipMsg expectInDialog(RawSipClient wire, String method) throws IOException {
        return wire.expect(m -> !m.isResponse() && m.method().equals(method)
                && TestDialog.tag(m.header("To")) != null, WAIT);
    }

    /** INVITE a to b, 180, 200, ACK: the established call with both sides' dialog state. */
    Call call(List<String> inviteExtra) throws IOException {
        String target = b.phone().aor();
        SipMsg invite = sendInitial(a, "INVITE", target, UUID.randomUUID().toString(), TestDialog.newTag(),
                inviteExtra, "application/sdp", SDP);
        SipMsg in = b.wire().expectRequest("INVITE");
        String bTag = TestDialog.newTag();
        b.wire().send(b.phone().respond(in, 180, "Ringing", bTag, null));
        expectResponse(a.wire(), 180, "INVITE");
        b.wire().send(b.phone().respond(in, 200, "OK", bTag, SDP));
        SipMsg ok = expectResponse(a.wire(), 200, "INVITE");
        TestDialog ad = TestDialog.caller(a.phone(), ok);
        a.wire().send(ad.ack(TestDialog.cseqNumber(invite)));
        assertNotNull(b.wire().expectRequest("ACK"), "the ACK for 2xx followed the route set");
        return new Call(ad, TestDialog.callee(b.phone(), in, bTag), invite);
    }

    /** An in-dialog request from one side answered by the other; returns what arrived. */
    static SipMsg exchange(TestDialog from, TestDialog to, String method, List<String> extra, String contentType,
                           String body, int status, String answerType, String answerBody) throws IOException {
        from.send(method, extra, contentType, body);
        SipMsg arrived = expectInDialog(to.phone.wire, method);
        to.phone.wire.send(to.phone.respond(arrived, status, status == 202 ? "Accepted" : "OK", null, List.of(),
                answerType, answerBody));
        expectResponse(from.phone.wire, status, method);
        return arrived;
    }

    /** Hold and resume by re-INVITE, first from the caller, then from the callee. */
    static void holdAndResume(TestDialog from, TestDialog to) throws IOException {
        for (String[] step : new String[][] {{"sendonly", "recvonly"}, {"sendrecv", "sendrecv"}}) {
            int cseq = from.lastCseq() + 1;
            SipMsg reinvite = exchange(from, to, "INVITE", List.of(), "application/sdp", sdp(step[0]), 200,
                    "application/sdp", sdp(step[1]));
            assertTrue(reinvite.body().contains("a=" + step[0]), reinvite.body());
            from.phone.wire.send(from.ack(cseq));
            expectInDialog(to.phone.wire, "ACK");
        }
    }

    /** The whole life of a call: hold/resume both ways, UPDATE both ways, INFO DTMF, REFER with NOTIFYs, BYE. */
    void callWithEveryInDialogMethod() throws IOException {
        Call call = call(List.of());
        holdAndResume(call.a(), call.b());
        holdAndResume(call.b(), call.a());
        exchange(call.a(), call.b(), "UPDATE", List.of(), "application/sdp", SDP, 200, "application/sdp", SDP);
        exchange(call.b(), call.a(), "UPDATE", List.of(), "application/sdp", SDP, 200, "application/sdp", SDP);
        SipMsg info = exchange(call.a(), call.b(), "INFO", List.of(), "application/dtmf-relay",
                "Signal=5\r\nDuration=160\r\n", 200, null, null);
        assertEquals("application/dtmf-relay", info.header("Content-Type"));
        assertEquals("Signal=5\r\nDuration=160\r\n", info.body(), "the DTMF digit passes unchanged");
        referWithNotifies(call.a(), call.b());
        SipMsg bye = exchange(call.a(), call.b(), "BYE", List.of(), null, null, 200, null, null);
        assertTrue(bye.headers("Route").isEmpty() || !bye.header("Route").contains("ce-"),
                "the edge consumed its own Route entries");
    }

    /** REFER answered 202, then the implicit subscription's NOTIFYs (message/sipfrag) back to the referrer. */
    static void referWithNotifies(TestDialog referrer, TestDialog target) throws IOException {
        String referTo = "sip:carol@" + referrer.localUri.substring(referrer.localUri.indexOf('@') + 1);
        SipMsg refer = exchange(referrer, target, "REFER", List.of("Refer-To: <" + referTo + ">",
                "Referred-By: <" + referrer.localUri + ">"), null, null, 202, null, null);
        assertEquals("<" + referTo + ">", refer.header("Refer-To"));
        for (String[] n : new String[][] {{"active;expires=60", "SIP/2.0 100 Trying\r\n"},
                {"terminated;reason=noresource", "SIP/2.0 200 OK\r\n"}}) {
            SipMsg notify = exchange(target, referrer, "NOTIFY", List.of("Event: refer", "Subscription-State: " + n[0]),
                    "message/sipfrag;version=2.0", n[1], 200, null, null);
            assertEquals(n[1], notify.body());
            assertEquals("refer", notify.header("Event"));
        }
    }

    /** CANCEL of a ringing INVITE: 200 to the CANCEL, the CANCEL on every branch, 487 to the caller. */
    void cancelWhileRinging(List<Party> callees) throws IOException {
        String target = b.phone().aor();
        SipMsg invite = sendInitial(a, "INVITE", target, UUID.randomUUID().toString(), TestDialog.newTag(),
                List.of(), "application/sdp", SDP);
        List<SipMsg> ringing = new ArrayList<>();
        for (Party callee : callees) {
            SipMsg in = callee.wire().expectRequest("INVITE");
            callee.wire().send(callee.phone().respond(in, 180, "Ringing", TestDialog.newTag(), null));
            ringing.add(in);
        }
        expectResponse(a.wire(), 180, "INVITE");
        a.wire().send(cancelOf(invite));
        expectResponse(a.wire(), 200, "CANCEL");
        for (int i = 0; i < callees.size(); i++) {
            Party callee = callees.get(i);
            SipMsg cancel = callee.wire().expectRequest("CANCEL");
            assertEquals(ringing.get(i).headers("Via").get(0), cancel.headers("Via").get(0),
                    "the CANCEL names the branch it cancels");
            callee.wire().send(callee.phone().respond(cancel, 200, "OK", null, null));
            callee.wire().send(callee.phone().respond(ringing.get(i), 487, "Request Terminated", null, null));
            assertNotNull(callee.wire().expectRequest("ACK"), "the edge's branch ACKs the 487");
        }
        SipMsg terminated = expectResponse(a.wire(), 487, "INVITE");
        a.wire().send(ackFor(terminated, invite.requestUri()));
    }

    /** Reliable provisional response (RFC 3262): 183 with RSeq, PRACK with RAck, both through unchanged. */
    void prack() throws IOException {
        String target = b.phone().aor();
        SipMsg invite = sendInitial(a, "INVITE", target, UUID.randomUUID().toString(), TestDialog.newTag(),
                List.of("Supported: 100rel"), "application/sdp", SDP);
        SipMsg in = b.wire().expectRequest("INVITE");
        assertEquals("100rel", in.header("Supported"));
        String bTag = TestDialog.newTag();
        b.wire().send(b.phone().respond(in, 183, "Session Progress", bTag, List.of("Require: 100rel", "RSeq: 1"),
                "application/sdp", SDP));
        SipMsg progress = expectResponse(a.wire(), 183, "INVITE");
        assertEquals("1", progress.header("RSeq"));
        assertEquals("100rel", progress.header("Require"));
        TestDialog early = TestDialog.caller(a.phone(), progress);
        TestDialog callee = TestDialog.callee(b.phone(), in, bTag);
        String rack = "1 " + TestDialog.cseqNumber(invite) + " INVITE";
        SipMsg prack = exchange(early, callee, "PRACK", List.of("RAck: " + rack), null, null, 200, null, null);
        assertEquals(rack, prack.header("RAck"));
        exchange(early, callee, "UPDATE", List.of(), "application/sdp", sdp("sendonly"), 200, "application/sdp",
                sdp("recvonly")); // UPDATE in the early dialog
        b.wire().send(b.phone().respond(in, 200, "OK", bTag, SDP));
        SipMsg ok = expectResponse(a.wire(), 200, "INVITE");
        TestDialog ad = TestDialog.caller(a.phone(), ok);
        a.wire().send(ad.ack(TestDialog.cseqNumber(invite)));
        b.wire().expectRequest("ACK");
        exchange(ad, callee, "BYE", List.of(), null, null, 200, null, null);
    }

    /** OPTIONS to a user, answered by the user's phone with its capabilities. */
    void optionsToUser() throws IOException {
        sendInitial(a, "OPTIONS", b.phone().aor(), UUID.randomUUID().toString(), TestDialog.newTag(), List.of(),
                null, null);
        SipMsg in = b.wire().expectRequest("OPTIONS");
        b.wire().send(b.phone().respond(in, 200, "OK", TestDialog.newTag(), List.of("Allow: INVITE, ACK, BYE"),
                null, null));
        assertEquals("INVITE,ACK,BYE", expectResponse(a.wire(), 200, "OPTIONS").header("Allow").replace(" ", ""));
    }

    /** A page-mode MESSAGE with its text body. */
    void message() throws IOException {
        sendInitial(a, "MESSAGE", b.phone().aor(), UUID.randomUUID().toString(), TestDialog.newTag(), List.of(),
                "text/plain", "Hello through the edge");
        SipMsg in = b.wire().expectRequest("MESSAGE");
        assertEquals("Hello through the edge", in.body());
        b.wire().send(b.phone().respond(in, 200, "OK", TestDialog.newTag(), null));
        expectResponse(a.wire(), 200, "MESSAGE");
    }

    /**
     * SUBSCRIBE creates a dialog; the notifier's NOTIFYs travel back along its Record-Route to the subscriber's own
     * socket; a refresh with Expires 0 ends it with a final NOTIFY.
     */
    void subscription(String event, String contentType, String state) throws IOException {
        SipMsg subscribe = sendInitial(a, "SUBSCRIBE", b.phone().aor(), UUID.randomUUID().toString(),
                TestDialog.newTag(), List.of("Event: " + event, "Expires: 600", "Accept: " + contentType), null,
                null);
        SipMsg in = b.wire().expectRequest("SUBSCRIBE");
        assertEquals(event, in.header("Event"));
        assertTrue(!in.headers("Record-Route").isEmpty(), "the edge stays in the subscription's path");
        String bTag = TestDialog.newTag();
        b.wire().send(b.phone().respond(in, 200, "OK", bTag, List.of("Expires: 600"), null, null));
        SipMsg ok = expectResponse(a.wire(), 200, "SUBSCRIBE");
        TestDialog subscriber = TestDialog.caller(a.phone(), ok);
        TestDialog notifier = TestDialog.callee(b.phone(), in, bTag);
        SipMsg notify = exchange(notifier, subscriber, "NOTIFY", List.of("Event: " + event,
                "Subscription-State: active;expires=600"), contentType, state, 200, null, null);
        assertEquals(state, notify.body());
        assertEquals(TestDialog.tag(subscribe.header("From")), TestDialog.tag(notify.header("To")));
        exchange(subscriber, notifier, "SUBSCRIBE", List.of("Event: " + event, "Expires: 0"), null, null, 200,
                null, null);
        exchange(notifier, subscriber, "NOTIFY", List.of("Event: " + event, "Subscription-State: terminated"),
                contentType, state, 200, null, null);
    }

    static String presence(String user) {
        return "<?xml version=\"1.0\"?>\r\n<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:" + user
                + "\"><tuple id=\"t1\"><status><basic>open</basic></status></tuple></presence>\r\n";
    }
}
