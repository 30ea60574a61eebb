package org.collabedge.connectivity;

/** A minimal UAS answer for tests: 200 OK to a request, echoing its transaction headers (RFC 3261 8.2.6). */
final class SipResponses {

    private SipResponses() {
    }

    static String ok(String requestHead) {
        StringBuilder response = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String line : requestHead.split("\r\n")) {
            if (line.startsWith("Via:") || line.startsWith("From:") || line.startsWith("Call-ID:")
                    || line.startsWith("CSeq:")) {
                response.append(line).append("\r\n");
            } else if (line.startsWith("To:")) {
                response.append(line).append(";tag=uas1\r\n");
            }
        }
        return response.append("Allow: INVITE, ACK, BYE, CANCEL, OPTIONS\r\nContent-Length: 0\r\n\r\n").toString();
    }
}
