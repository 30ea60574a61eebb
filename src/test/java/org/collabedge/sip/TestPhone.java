package org.collabedge.sip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted SIP phone over a {@link RawSipClient}: writes requests and responses as text and answers digest
 * challenges with its own digest computation (independent of the edge's).
 */
final class TestPhone implements AutoCloseable {

    final RawSipClient wire;
    final String user;
    final String domain;
    final String password;
    private int cseq = 1;

    TestPhone(RawSipClient wire, String user, String domain, String password) {
        this.wire = wire;
        this.user = user;
        this.domain = domain;
        this.password = password;
    }

    String aor() {
        return "sip:" + user + "@" + domain;
    }

    String contact() {
        return "sip:" + user + "@" + wire.hostPort() + ";transport=" + wire.transport().toLowerCase();
    }

    static String branch() {
        return "z9hG4bK" + UUID.randomUUID().toString().replace("-", "");
    }

    String via(String branch) {
        return "SIP/2.0/" + wire.transport() + " " + wire.hostPort() + ";branch=" + branch + ";rport";
    }

    /** A request of this phone: method, target, Call-ID, extra header lines, body (SDP). */
    String request(String method, String uri, String toAor, String callId, String fromTag, String toTag,
                   List<String> extra, String body) {
        return request(method, uri, toAor, callId, fromTag, toTag, extra, "application/sdp", body);
    }

    /** A request with a body of any content type (null body: none). */
    String request(String method, String uri, String toAor, String callId, String fromTag, String toTag,
                   List<String> extra, String contentType, String body) {
        StringBuilder b = new StringBuilder();
        b.append(method).append(' ').append(uri).append(" SIP/2.0\r\n");
        b.append("Via: ").append(via(branch())).append("\r\n");
        b.append("Max-Forwards: 70\r\n");
        b.append("From: <").append(aor()).append(">;tag=").append(fromTag).append("\r\n");
        b.append("To: <").append(toAor).append(">").append(toTag == null ? "" : ";tag=" + toTag).append("\r\n");
        b.append("Call-ID: ").append(callId).append("\r\n");
        b.append("CSeq: ").append(method.equals("ACK") || method.equals("CANCEL") ? cseq - 1 : cseq++)
                .append(' ').append(method).append("\r\n");
        b.append("Contact: <").append(contact()).append(">\r\n");
        b.append("User-Agent: TestPhone/1\r\n");
        for (String e : extra) {
            b.append(e).append("\r\n");
        }
        return withBody(b, contentType, body);
    }

    static String withBody(StringBuilder head, String contentType, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        head.append("Content-Length: ").append(content.length).append("\r\n\r\n");
        if (body != null) {
            head.append(body);
        }
        return head.toString();
    }

    /** Registers, answering the edge's challenge with the first offered algorithm matching {@code algorithm}. */
    SipMsg register(int expires, String algorithm) throws IOException {
        String callId = UUID.randomUUID().toString();
        String tag = "r" + cseq;
        String uri = "sip:" + domain;
        wire.send(request("REGISTER", uri, aor(), callId, tag, null, List.of("Expires: " + expires), null));
        SipMsg challenge = wire.expect(m -> m.isResponse() && m.status() >= 200, java.time.Duration.ofSeconds(5));
        if (challenge.status() != 401) {
            return challenge;
        }
        String header = challenge.headers("WWW-Authenticate").stream()
                .filter(h -> h.contains("algorithm=" + algorithm) || !h.contains("algorithm=")).findFirst()
                .orElseThrow();
        wire.send(request("REGISTER", uri, aor(), callId, tag, null, List.of("Expires: " + expires,
                "Authorization: " + answer(header, "REGISTER", uri, password)), null));
        return wire.expect(m -> m.isResponse() && m.status() >= 200, java.time.Duration.ofSeconds(5));
    }

    /** An Authorization value answering a Digest challenge. */
    String answer(String challenge, String method, String uri, String secret) {
        String realm = param(challenge, "realm");
        String nonce = param(challenge, "nonce");
        String algorithm = challenge.contains("algorithm=") ? param(challenge, "algorithm") : "MD5";
        String jca = algorithm.equals("SHA-256") ? "SHA-256" : "MD5";
        boolean qop = challenge.contains("qop=");
        String cnonce = "c" + cseq;
        String nc = "00000001";
        String ha1 = hash(jca, user + ":" + realm + ":" + secret);
        String ha2 = hash(jca, method + ":" + uri);
        if (!qop) {
            return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\""
                    + uri + "\", response=\"" + hash(jca, ha1 + ":" + nonce + ":" + ha2) + "\", algorithm="
                    + algorithm;
        }
        String response = hash(jca, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", response=\"" + response + "\", algorithm=" + algorithm + ", qop=auth, nc=" + nc
                + ", cnonce=\"" + cnonce + "\"";
    }

    static String param(String header, String name) {
        Matcher m = Pattern.compile(name + "=\"?([^\",]+)\"?").matcher(header);
        if (!m.find()) {
            throw new AssertionError("No " + name + " in " + header);
        }
        return m.group(1);
    }

    static String hash(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A response to a received request: copies Via, From, To (adding a tag), Call-ID, CSeq, Record-Route. */
    String respond(SipMsg request, int status, String reason, String toTag, String body) {
        return respond(request, status, reason, toTag, List.of(), "application/sdp", body);
    }

    /** A response with extra header lines and a body of any content type (null body: none). */
    String respond(SipMsg request, int status, String reason, String toTag, List<String> extra, String contentType,
                   String body) {
        StringBuilder b = new StringBuilder("SIP/2.0 " + status + " " + reason + "\r\n");
        request.headers("Via").forEach(v -> b.append("Via: ").append(v).append("\r\n"));
        request.headers("Record-Route").forEach(v -> b.append("Record-Route: ").append(v).append("\r\n"));
        b.append("From: ").append(request.header("From")).append("\r\n");
        String to = request.header("To");
        b.append("To: ").append(to).append(to.contains("tag=") || toTag == null ? "" : ";tag=" + toTag)
                .append("\r\n");
        b.append("Call-ID: ").append(request.header("Call-ID")).append("\r\n");
        b.append("CSeq: ").append(request.header("CSeq")).append("\r\n");
        if (status < 300 && status > 100) {
            b.append("Contact: <").append(contact()).append(">\r\n");
        }
        extra.forEach(e -> b.append(e).append("\r\n"));
        return withBody(b, contentType, body);
    }

    @Override
    public void close() throws IOException {
        wire.close();
    }
}
