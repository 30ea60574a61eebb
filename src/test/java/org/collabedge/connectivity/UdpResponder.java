package org.collabedge.connectivity;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A UDP socket on 127.0.0.1 that answers SIP requests with 200 OK, or (silent) only listens. */
final class UdpResponder implements AutoCloseable {

    private final DatagramSocket socket;
    private final boolean answer;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    private UdpResponder(boolean answer) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        this.answer = answer;
        Thread thread = new Thread(this::loop, "udp-responder-" + socket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    static UdpResponder answering() throws IOException {
        return new UdpResponder(true);
    }

    static UdpResponder silent() throws IOException {
        return new UdpResponder(false);
    }

    int port() {
        return socket.getLocalPort();
    }

    String nextDatagram() throws InterruptedException {
        return received.poll(5, TimeUnit.SECONDS);
    }

    int receivedCount() {
        return received.size();
    }

    private void loop() {
        byte[] buffer = new byte[65_535];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                String request = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                received.add(request);
                if (answer && request.startsWith("OPTIONS ")) {
                    byte[] reply = SipResponses.ok(request).getBytes(StandardCharsets.UTF_8);
                    socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
