package org.collabedge.sip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A SIP client that is nothing but a socket: tests write exact bytes to the running edge and read what comes back,
 * so they see the edge's behaviour on the wire, malformed input included.
 */
final class RawSipClient implements AutoCloseable {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final String transport;
    private final DatagramSocket udp;
    private final Socket stream;
    private final int edgePort;

    private RawSipClient(String transport, DatagramSocket udp, Socket stream, int edgePort) {
        this.transport = transport;
        this.udp = udp;
        this.stream = stream;
        this.edgePort = edgePort;
    }

    static RawSipClient udp(int edgePort) throws IOException {
        return new RawSipClient("UDP", new DatagramSocket(0, LOOPBACK), null, edgePort);
    }

    static RawSipClient tcp(int edgePort) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(LOOPBACK, edgePort), 3000);
        return new RawSipClient("TCP", null, s, edgePort);
    }

    static RawSipClient tls(int edgePort, SSLContext context) throws IOException {
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(LOOPBACK, edgePort);
        s.startHandshake();
        return new RawSipClient("TLS", null, s, edgePort);
    }

    String transport() {
        return transport;
    }

    int localPort() {
        return udp != null ? udp.getLocalPort() : stream.getLocalPort();
    }

    /** "127.0.0.1:port" of this client, for Via and Contact. */
    String hostPort() {
        return "127.0.0.1:" + localPort();
    }

    void send(String message) throws IOException {
        sendBytes(message.getBytes(StandardCharsets.UTF_8));
    }

    void sendBytes(byte[] bytes) throws IOException {
        if (udp != null) {
            udp.send(new DatagramPacket(bytes, bytes.length, LOOPBACK, edgePort));
        } else {
            OutputStream out = stream.getOutputStream();
            out.write(bytes);
            out.flush();
        }
    }

    /** The next message, or null when none arrives in time. */
    SipMsg receive(Duration timeout) throws IOException {
        try {
            if (udp != null) {
                udp.setSoTimeout((int) timeout.toMillis());
                byte[] buf = new byte[65535];
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                udp.receive(p);
                return SipMsg.parse(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8));
            }
            stream.setSoTimeout((int) timeout.toMillis());
            return readStreamMessage(stream.getInputStream());
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    /** The next message that matches, skipping others (100 Trying, retransmissions); fails after the timeout. */
    SipMsg expect(Predicate<SipMsg> wanted, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            SipMsg m = receive(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (m != null && wanted.test(m)) {
                return m;
            }
        }
        throw new AssertionError("Expected message did not arrive within " + timeout);
    }

    SipMsg expectStatus(int status) throws IOException {
        return expect(m -> m.isResponse() && m.status() == status, Duration.ofSeconds(5));
    }

    SipMsg expectRequest(String method) throws IOException {
        return expect(m -> !m.isResponse() && m.method().equals(method), Duration.ofSeconds(5));
    }

    /** True when the stream was closed by the edge within the timeout. */
    boolean closedByPeer(Duration timeout) throws IOException {
        stream.setSoTimeout((int) timeout.toMillis());
        try {
            return stream.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static SipMsg readStreamMessage(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new SocketTimeoutException("closed");
            }
            if (head.size() == 0 && (b == '\r' || b == '\n')) {
                continue; // keep-alive CRLFs between messages
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                    ? state + 1 : 0;
        }
        SipMsg m = SipMsg.parse(head.toString(StandardCharsets.UTF_8));
        String cl = m.header("Content-Length");
        int length = cl == null ? 0 : Integer.parseInt(cl.trim());
        byte[] body = in.readNBytes(length);
        return SipMsg.parse(head.toString(StandardCharsets.UTF_8) + new String(body, StandardCharsets.UTF_8));
    }

    /** Closes a stream connection with a reset, so its local port is free again at once (no TIME_WAIT). */
    void abort() throws IOException {
        stream.setSoLinger(true, 0);
        stream.close();
    }

    @Override
    public void close() throws IOException {
        if (udp != null) {
            udp.close();
        } else {
            stream.close();
        }
    }
}
