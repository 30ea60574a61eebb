package org.collabedge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.net.ssl.SSLSocket;

import org.collabedge.protection.FailureCategory;
import org.collabedge.sip.transport.StackProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A message beyond the listener's size limit on a TCP or TLS connection costs the sender its connection and counts
 * as a SIP protocol failure of its address, as other malformed input does, so a client that keeps sending them is
 * banned like one that sends garbage.
 * The counting ({@link org.collabedge.sip.validation.OversizedMessages#countIfTooLarge}) is called from the NIO
 * TCP/TLS channels' addBytes/addPlaintextBytes.
 */
class SipOversizedMessageTest {

    private EdgeUnderTest edge;

    @BeforeEach
    void start() throws Exception {
        edge = new EdgeUnderTest();
    }

    @AfterEach
    void stop() {
        edge.close();
    }

    @Test
    void anOversizedHeaderOverTcpIsCounted() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), edge.tcp)) {
            sendOversizedHeader(s);
            assertClosed(s);
        }
        awaitFailures(1);
    }

    @Test
    void anOversizedBodyOverTlsIsCounted() throws Exception {
        try (SSLSocket s = (SSLSocket) edge.trustingClientContext().getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), edge.tls)) {
            int length = StackProperties.MAX_MESSAGE_SIZE * 2;
            OutputStream out = s.getOutputStream();
            out.write(head("Content-Length: " + length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[8192];
            java.util.Arrays.fill(chunk, (byte) 'x');
            try {
                for (int sent = 0; sent < length; sent += chunk.length) {
                    out.write(chunk);
                }
                out.flush();
            } catch (IOException closedEarly) {
                // The edge may stop reading as soon as the limit is passed.
            }
            assertClosed(s);
        }
        awaitFailures(1);
    }

    private static void sendOversizedHeader(Socket s) throws IOException {
        String huge = "X-Padding: " + "a".repeat(StackProperties.MAX_MESSAGE_SIZE * 2) + "\r\n";
        try {
            s.getOutputStream().write(head(huge + "Content-Length: 0\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
        } catch (IOException closedEarly) {
            // The edge may close as soon as the limit is passed.
        }
    }

    private static String head(String extra) {
        return "OPTIONS sip:example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bK-oversized\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@example.com>;tag=1\r\n"
                + "To: <sip:example.com>\r\n"
                + "Call-ID: oversized@127.0.0.1\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + extra + "\r\n";
    }

    private static void assertClosed(Socket s) throws IOException {
        s.setSoTimeout(5000);
        int read;
        try {
            while ((read = s.getInputStream().read()) >= 0) {
                // a 4xx answer may come first; the connection must end
            }
        } catch (java.net.SocketTimeoutException stillOpen) {
            throw new AssertionError("the connection is still open", stillOpen);
        } catch (IOException reset) {
            read = -1;
        }
        assertEquals(-1, read, "the connection is closed");
    }

    private void awaitFailures(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline && protocolFailures() < expected) {
            Thread.sleep(20);
        }
        assertEquals(expected, protocolFailures(), edge.failures.toString());
    }

    private long protocolFailures() {
        synchronized (edge.failures) {
            return edge.failures.stream().filter(f -> f.category() == FailureCategory.SIP_PROTOCOL).count();
        }
    }
}
