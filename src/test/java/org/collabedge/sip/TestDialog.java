package org.collabedge.sip;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One side of a SIP dialog as a {@link TestPhone} keeps it (RFC 3261 12): Call-ID, both tags, the remote target and
 * the route set, learnt from the response (caller) or the request (callee) that formed the dialog; builds the
 * in-dialog requests (re-INVITE, UPDATE, PRACK, INFO, REFER, NOTIFY, BYE, ACK) that must follow that route through
 * the edge.
 */
final class TestDialog {

    final TestPhone phone;
    final String callId;
    final String localTag;
    final String localUri;
    final String remoteUri;
    final String remoteTag;
    final String remoteTarget;
    final List<String> routes;
    private int cseq;

    private TestDialog(TestPhone phone, String callId, String localTag, String localUri, String remoteUri,
                       String remoteTag, String remoteTarget, List<String> routes, int cseq) {
        this.phone = phone;
        this.callId = callId;
        this.localTag = localTag;
        this.localUri = localUri;
        this.remoteUri = remoteUri;
        this.remoteTag = remoteTag;
        this.remoteTarget = remoteTarget;
        this.routes = List.copyOf(routes);
        this.cseq = cseq;
    }

    /** The caller's side, from a response with a To tag (18x or 2xx): route set is the reversed Record-Route. */
    static TestDialog caller(TestPhone phone, SipMsg response) {
        List<String> routes = new ArrayList<>(response.headers("Record-Route"));
        Collections.reverse(routes);
        return new TestDialog(phone, response.header("Call-ID"), tag(response.header("From")),
                uri(response.header("From")), uri(response.header("To")), tag(response.header("To")),
                uri(response.header("Contact")), routes, cseqNumber(response) + 100);
    }

    /** The callee's side, from the dialog-forming request and the To tag it answers with. */
    static TestDialog callee(TestPhone phone, SipMsg request, String localTag) {
        return new TestDialog(phone, request.header("Call-ID"), localTag, uri(request.header("To")),
                uri(request.header("From")), tag(request.header("From")), uri(request.header("Contact")),
                request.headers("Record-Route"), 1000);
    }

    /** An in-dialog request with a fresh CSeq (a null body sends none). */
    String request(String method, List<String> extra, String contentType, String body) {
        return request(method, ++cseq, extra, contentType, body);
    }

    /** The ACK for a 2xx to the INVITE with {@code inviteCseq}: end to end, along the route set. */
    String ack(int inviteCseq) {
        return request("ACK", inviteCseq, List.of(), null, null);
    }

    int lastCseq() {
        return cseq;
    }

    private String request(String method, int number, List<String> extra, String contentType, String body) {
        StringBuilder b = new StringBuilder(method + " " + remoteTarget + " SIP/2.0\r\n");
        b.append("Via: ").append(phone.via(TestPhone.branch())).append("\r\n");
        routes.forEach(r -> b.append("Route: ").append(r).append("\r\n"));
        b.append("Max-Forwards: 70\r\n");
        b.append("From: <").append(localUri).append(">;tag=").append(localTag).append("\r\n");
        b.append("To: <").append(remoteUri).append(">;tag=").append(remoteTag).append("\r\n");
        b.append("Call-ID: ").append(callId).append("\r\n");
        b.append("CSeq: ").append(number).append(' ').append(method).append("\r\n");
        b.append("Contact: <").append(phone.contact()).append(">\r\n");
        extra.forEach(e -> b.append(e).append("\r\n"));
        return TestPhone.withBody(b, contentType, body);
    }

    /** Sends an in-dialog request and returns it as sent. */
    SipMsg send(String method, List<String> extra, String contentType, String body) throws IOException {
        String text = request(method, extra, contentType, body);
        phone.wire.send(text);
        return SipMsg.parse(text);
    }

    static String newTag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static String tag(String header) {
        Matcher m = Pattern.compile(";\\s*tag=([^;>\\s]+)").matcher(header == null ? "" : header);
        return m.find() ? m.group(1) : null;
    }

    /** The URI inside a name-addr ("<sip:...>;params") or the bare URI before its header parameters. */
    static String uri(String header) {
        if (header == null) {
            return null;
        }
        int lt = header.indexOf('<');
        if (lt >= 0) {
            return header.substring(lt + 1, header.indexOf('>', lt));
        }
        int semi = header.indexOf(';');
        return (semi < 0 ? header : header.substring(0, semi)).trim();
    }

    static int cseqNumber(SipMsg m) {
        return Integer.parseInt(m.header("CSeq").trim().split("\\s+")[0]);
    }
}
