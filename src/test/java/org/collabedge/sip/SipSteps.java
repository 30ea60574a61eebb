package org.collabedge.sip;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Small steps the SIP end-to-end tests share: the ACK for a failed INVITE, route sets, Contact URIs, waiting. */
final class SipSteps {

    private SipSteps() {
    }

    /** The ACK for a non-2xx final response to an INVITE (RFC 3261 17.1.1.3): same Via, From, To, Call-ID. */
    static String ackFor(SipMsg response, String uri) {
        return "ACK " + uri + " SIP/2.0\r\n"
                + "Via: " + response.header("Via") + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: " + response.header("From") + "\r\n"
                + "To: " + response.header("To") + "\r\n"
                + "Call-ID: " + response.header("Call-ID") + "\r\n"
                + "CSeq: " + response.header("CSeq").replace("INVITE", "ACK") + "\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** A Record-Route list as the caller's route set (RFC 3261 12.1.2). */
    static List<String> reversed(List<String> xs) {
        List<String> out = new ArrayList<>(xs);
        Collections.reverse(out);
        return out;
    }

    /** The URI of a message's Contact header, without angle brackets and parameters. */
    static String contactUri(SipMsg m) {
        return m.header("Contact").replaceAll("^<|>.*$", "");
    }

    /** Waits up to 5 s for {@code condition}; fails the test if it stays false. */
    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline && !condition.getAsBoolean()) {
            Thread.sleep(20);
        }
        assertTrue(condition.getAsBoolean(), "condition not met within 5 s");
    }
}
