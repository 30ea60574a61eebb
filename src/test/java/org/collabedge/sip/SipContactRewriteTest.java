package org.collabedge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.collabedge.config.Domain;
import org.collabedge.config.EdgeConfig;
import org.collabedge.config.InternalServer;
import org.collabedge.config.ServerType;
import org.collabedge.config.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contact rewrite towards internal call control: the contact the edge registers inside carries the client's flow
 * signed, so call control (or anyone inside who learns such a contact) reaches that client through the edge, and a
 * hand-made, edited or unsigned edge contact reaches nobody.
 */
class SipContactRewriteTest {

    private EdgeUnderTest edge;
    private RawSipClient callControl;
    private TestPhone bob;

    @BeforeEach
    void start() throws Exception {
        edge = new EdgeUnderTest(List.of(new Domain("inside.test", false, true, false, false, "default")),
                List.of());
        // A raw UDP socket plays call control: it learns its port only now, so the server is configured after.
        callControl = RawSipClient.udp(edge.udp);
        EdgeConfig c = edge.config;
        edge.config = new EdgeConfig(c.deployments(), c.domains(), List.of(new InternalServer("cc",
                ServerType.CALL_CONTROL, "127.0.0.1", callControl.localPort(), Transport.UDP, false, "", "default")),
                c.settings());
        bob = new TestPhone(RawSipClient.tcp(edge.tcp), "bob", "inside.test", "unused");
    }

    @AfterEach
    void stop() throws Exception {
        bob.close();
        callControl.close();
        edge.close();
    }

    @Test
    void callControlReachesTheClientOnlyThroughTheSignedContact() throws Exception {
        String edgeContact = registerThroughTheEdge();
        String user = edgeContact.substring(4, edgeContact.indexOf('@'));
        assertTrue(user.startsWith("ce-") && user.split("\\.").length == 3, "contact . flow . tag: " + user);

        sendMessage(edgeContact);
        SipMsg atBob = bob.wire.expectRequest("MESSAGE");
        assertEquals(bob.contact(), atBob.requestUri(), "bob's own contact is the Request-URI");
        bob.wire.send(bob.respond(atBob, 200, "OK", "b1", null));
        assertEquals(200, callControl.expectStatus(200).status());

        String host = edgeContact.substring(edgeContact.indexOf('@'));
        String contactPart = user.substring(0, user.indexOf('.'));
        String flowPart = user.substring(user.indexOf('.') + 1);
        // 1. The tag edited.
        String tag = flowPart.substring(flowPart.indexOf('.') + 1);
        char flipped = tag.charAt(0) == 'A' ? 'B' : 'A';
        String edited = flowPart.substring(0, flowPart.indexOf('.') + 1) + flipped + tag.substring(1);
        assertEquals(404, message("sip:" + contactPart + "." + edited + host));
        // 2. Another flow written with the old tag: bob's connection named by hand.
        String bobFlow = "TCP:127.0.0.1:" + bob.wire.localPort();
        String otherFlow = b64("TCP:127.0.0.1:" + (bob.wire.localPort() + 1)) + "." + tag;
        assertEquals(404, message("sip:" + contactPart + "." + otherFlow + host));
        // 3. The unsigned form a rewritten contact had before: the flow and contact in plain base64.
        assertEquals(404, message("sip:ce-" + b64(bobFlow + "\n" + bob.contact()) + host));
        assertNull(bob.wire.receive(Duration.ofMillis(300)), "nothing forged reached bob");
    }

    /** Registers bob through the edge, answers as call control; the edge contact it registered. */
    private String registerThroughTheEdge() throws Exception {
        bob.wire.send(bob.request("REGISTER", "sip:inside.test", bob.aor(), UUID.randomUUID().toString(), "r1", null,
                List.of("Expires: 300"), null));
        SipMsg inside = callControl.expectRequest("REGISTER");
        String contact = inside.header("Contact").replaceAll("^<|>.*$", "");
        StringBuilder ok = new StringBuilder("SIP/2.0 200 OK\r\n");
        inside.headers("Via").forEach(v -> ok.append("Via: ").append(v).append("\r\n"));
        ok.append("From: ").append(inside.header("From")).append("\r\n")
                .append("To: ").append(inside.header("To")).append(";tag=cc1\r\n")
                .append("Call-ID: ").append(inside.header("Call-ID")).append("\r\n")
                .append("CSeq: ").append(inside.header("CSeq")).append("\r\n")
                .append("Contact: <").append(contact).append(">;expires=300\r\n");
        callControl.send(TestPhone.withBody(ok, null, null));
        SipMsg registered = bob.wire.expectStatus(200);
        assertTrue(registered.header("Contact").contains(bob.contact()), "bob sees his own contact again: "
                + registered.header("Contact"));
        return contact;
    }

    /** Call control sends a MESSAGE to {@code uri}; the final status the edge answers. */
    private int message(String uri) throws Exception {
        sendMessage(uri);
        return callControl.expect(r -> r.isResponse() && r.status() >= 200, Duration.ofSeconds(5)).status();
    }

    private void sendMessage(String uri) throws Exception {
        String callId = UUID.randomUUID().toString();
        StringBuilder m = new StringBuilder("MESSAGE " + uri + " SIP/2.0\r\n");
        m.append("Via: SIP/2.0/UDP ").append(callControl.hostPort()).append(";branch=").append(TestPhone.branch())
                .append(";rport\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: <sip:carol@inside.test>;tag=c1\r\n")
                .append("To: <sip:bob@inside.test>\r\n")
                .append("Call-ID: ").append(callId).append("\r\n")
                .append("CSeq: 1 MESSAGE\r\n");
        callControl.send(TestPhone.withBody(m, "text/plain", "hello"));
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
