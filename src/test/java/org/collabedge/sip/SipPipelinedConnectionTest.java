package org.collabedge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

/**
 * A client that opens a connection and at once sends many requests (each its own Call-ID, so the stack handles them
 * on several threads) gets every answer back over that connection. The NIO listener used to record the connection
 * only while its first message was being processed, so answers to the others could look for it too early and try to
 * open a new connection to the client's source port instead (REGISTER bench: whole rounds failed). This test guards
 * the path; the race itself needs more load than a unit test makes (it passed before the fix too), and the REGISTER
 * bench is what showed it gone.
 */
class SipPipelinedConnectionTest {

    private static final int REQUESTS = 60;
    private static final Pattern STATUS_LINE = Pattern.compile("(?m)^SIP/2\\.0 \\d{3} ");

    private EdgeUnderTest edge;

    @BeforeEach
    void start() throws Exception {
        edge = new EdgeUnderTest();
    }

    @AfterEach
    void stop() {
        edge.close();
    }

    @RepeatedTest(3)
    void everyRequestSentAtOnceOverANewTcpConnectionIsAnswered() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), edge.tcp)) {
            assertEquals(REQUESTS, answersTo(s, "TCP"));
        }
    }

    @RepeatedTest(3)
    void everyRequestSentAtOnceOverANewTlsConnectionIsAnswered() throws Exception {
        try (Socket s = edge.trustingClientContext().getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), edge.tls)) {
            assertEquals(REQUESTS, answersTo(s, "TLS"));
        }
    }

    private static int answersTo(Socket s, String transport) throws IOException {
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < REQUESTS; i++) {
            burst.append("OPTIONS sip:example.com SIP/2.0\r\n")
                    .append("Via: SIP/2.0/").append(transport).append(" 127.0.0.1:").append(s.getLocalPort())
                    .append(";rport;branch=z9hG4bK-burst-")
                    .append(i).append("\r\n")
                    .append("Max-Forwards: 70\r\n")
                    .append("From: <sip:alice@example.com>;tag=").append(i).append("\r\n")
                    .append("To: <sip:example.com>\r\n")
                    .append("Call-ID: burst-").append(i).append("@127.0.0.1\r\n")
                    .append("CSeq: 1 OPTIONS\r\n")
                    .append("Content-Length: 0\r\n\r\n");
        }
        s.getOutputStream().write(burst.toString().getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        s.setSoTimeout(10_000);
        InputStream in = s.getInputStream();
        StringBuilder answers = new StringBuilder();
        byte[] buffer = new byte[16384];
        int count = 0;
        try {
            while (count < REQUESTS) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                answers.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
                Matcher m = STATUS_LINE.matcher(answers);
                count = 0;
                while (m.find()) {
                    count++;
                }
            }
        } catch (java.net.SocketTimeoutException missing) {
            // fewer answers than requests: the assertion says how many
        }
        return count;
    }
}
