package org.collabedge.sip;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.collabedge.config.EdgeConfig;
import org.collabedge.config.EdgeSettings;

/**
 * A browser-style phone on a WebSocket (RFC 7118 section 8 examples): Via and Contact name a random ".invalid"
 * host, and requests carry no Content-Length when they have no body (the frame is the boundary).
 */
final class WssPhone {

    final WssSipClient ws;
    final String user;
    final String secret;
    final String aor;
    final String host = "df7jal23ls0d.invalid";
    final String contact;
    /** Digest answers are computed as the raw-socket test phone computes them. */
    final TestPhone digest;
    private int cseq = 1;
    /** The transport this phone writes in its Via: "WSS" as RFC 7118 says, "WS" as JsSIP and SIP.js write it. */
    String viaTransport = "WSS";

    WssPhone(WssSipClient ws, String user, String domain, String secret) {
        this.ws = ws;
        this.user = user;
        this.secret = secret;
        this.aor = "sip:" + user + "@" + domain;
        this.contact = "sip:" + user + "@" + host + ";transport=ws";
        this.digest = new TestPhone(null, user, domain, secret);
    }

    /** Switches the edge's WSS listener through its live settings listener; returns the restart reason, if any. */
    static String switchListener(EdgeUnderTest edge, boolean on, int port) {
        EdgeConfig before = edge.config;
        EdgeSettings s = before.settings();
        EdgeSettings changed = new EdgeSettings(s.publicHostName(), s.listenAddress(), s.sipTlsEnabled(),
                s.sipTlsPort(), s.sipTcpEnabled(), s.sipTcpPort(), s.sipUdpEnabled(), s.sipUdpPort(), on, port,
                s.httpsPort(), s.mediaPortMin(), s.mediaPortMax(), s.turnEnabled(), s.turnPort());
        edge.config = new EdgeConfig(before.deployments(), before.domains(), before.servers(), changed);
        return edge.service.configListener().onChange(before, edge.config);
    }

    String via() {
        return "SIP/2.0/" + viaTransport + " " + host + ";branch=" + TestPhone.branch();
    }

    String request(String method, String uri, String to, String callId, String fromTag, List<String> extra,
                   String body) {
        StringBuilder b = new StringBuilder(method + " " + uri + " SIP/2.0\r\n");
        b.append("Via: ").append(via()).append("\r\n");
        b.append("Max-Forwards: 70\r\n");
        b.append("From: <").append(aor).append(">;tag=").append(fromTag).append("\r\n");
        b.append("To: <").append(to).append(">\r\n");
        b.append("Call-ID: ").append(callId).append("\r\n");
        b.append("CSeq: ").append(method.equals("ACK") ? cseq - 1 : cseq++).append(' ').append(method)
                .append("\r\n");
        b.append("Contact: <").append(contact).append(">\r\n");
        b.append("Supported: path, outbound\r\n");
        extra.forEach(e -> b.append(e).append("\r\n"));
        if (body != null) {
            b.append("Content-Type: application/sdp\r\nContent-Length: ").append(body.length())
                    .append("\r\n\r\n").append(body);
        } else if (method.equals("OPTIONS")) {
            b.append("Content-Length: 0\r\n\r\n");
        } else {
            b.append("\r\n");
        }
        return b.toString();
    }

    /** Registers, answering a SHA-256 challenge when one is offered, else the first. */
    SipMsg register(int expires) throws InterruptedException {
        String callId = UUID.randomUUID().toString();
        String uri = "sip:" + aor.substring(aor.indexOf('@') + 1);
        ws.send(request("REGISTER", uri, aor, callId, "r1", List.of("Expires: " + expires), null));
        SipMsg challenge = ws.expect(m -> m.isResponse() && m.status() >= 200, Duration.ofSeconds(5));
        if (challenge.status() != 401) {
            return challenge;
        }
        List<String> offered = challenge.headers("WWW-Authenticate");
        String header = offered.stream().filter(h -> h.contains("algorithm=SHA-256")).findFirst()
                .orElse(offered.get(0));
        ws.send(request("REGISTER", uri, aor, callId, "r1", List.of("Expires: " + expires,
                "Authorization: " + digest.answer(header, "REGISTER", uri, secret)), null));
        return ws.expect(m -> m.isResponse() && m.status() >= 200, Duration.ofSeconds(5));
    }

    /** A response to a request received over the WebSocket (adds a To tag and, for 2xx, the Contact). */
    String respond(SipMsg request, int status, String reason, String body) {
        StringBuilder b = new StringBuilder("SIP/2.0 " + status + " " + reason + "\r\n");
        request.headers("Via").forEach(v -> b.append("Via: ").append(v).append("\r\n"));
        request.headers("Record-Route").forEach(v -> b.append("Record-Route: ").append(v).append("\r\n"));
        b.append("From: ").append(request.header("From")).append("\r\n");
        String to = request.header("To");
        b.append("To: ").append(to).append(to.contains("tag=") ? "" : ";tag=callee").append("\r\n");
        b.append("Call-ID: ").append(request.header("Call-ID")).append("\r\n");
        b.append("CSeq: ").append(request.header("CSeq")).append("\r\n");
        if (status > 100 && status < 300) {
            b.append("Contact: <").append(contact).append(">\r\n");
        }
        if (body != null) {
            b.append("Content-Type: application/sdp\r\nContent-Length: ").append(body.length())
                    .append("\r\n\r\n").append(body);
        } else {
            b.append("Content-Length: 0\r\n\r\n");
        }
        return b.toString();
    }
}
