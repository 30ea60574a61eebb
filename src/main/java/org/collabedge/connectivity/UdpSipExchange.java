package org.collabedge.connectivity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

import org.collabedge.config.InternalServer;

/**
 * SIP OPTIONS over UDP: one datagram, retransmitted on RFC 3261's timer (T1 = 500 ms, doubling up to T2 = 4 s)
 * until a response datagram comes back or the deadline passes. UDP has no connect, so silence is the only sign of
 * an unreachable server, unless the host reports the port closed (ICMP port unreachable).
 */
final class UdpSipExchange {

    private static final int T1_MILLIS = 500;
    private static final int T2_MILLIS = 4000;
    private static final int MAX_DATAGRAM = 65_535;

    private UdpSipExchange() {
    }

    static void run(InternalServer server, ServiceGreeting sip, Deadline deadline, ProbeReport report) {
        InetAddress address;
        try {
            address = InetAddress.getByName(server.address());
        } catch (UnknownHostException e) {
            report.fail(ProbeStatus.UNREACHABLE, "Cannot resolve host name " + server.address());
            return;
        }
        try (DatagramSocket socket = new DatagramSocket();
             Deadline.Watch watch = deadline.closeOnExpiry(socket)) {
            socket.connect(address, server.port());
            byte[] request = sip.request(server, new InetSocketAddress(socket.getLocalAddress(), socket.getLocalPort()));
            DatagramPacket outgoing = new DatagramPacket(request, request.length);
            long sentAt = System.nanoTime();
            socket.send(outgoing);
            int interval = T1_MILLIS;
            DatagramPacket incoming = new DatagramPacket(new byte[MAX_DATAGRAM], MAX_DATAGRAM);
            while (true) {
                socket.setSoTimeout(Math.min(interval, deadline.timeoutMillis()));
                try {
                    socket.receive(incoming);
                    break;
                } catch (SocketTimeoutException e) {
                    if (deadline.expired()) {
                        throw e;
                    }
                    socket.send(outgoing);
                    interval = Math.min(interval * 2, T2_MILLIS);
                }
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);
            ServiceGreeting.Answer answer = sip.read(
                    new ByteArrayInputStream(incoming.getData(), incoming.getOffset(), incoming.getLength()));
            if (answer.line() == null) {
                report.fail(ProbeStatus.PROTOCOL_ERROR, "An empty datagram came back instead of a SIP response");
                return;
            }
            report.step("Answered over UDP in " + millis + " ms");
            report.answered(answer.line());
            if (!answer.recognised()) {
                report.fail(ProbeStatus.PROTOCOL_ERROR, "The answer over UDP is not a SIP response: " + answer.line());
            }
        } catch (PortUnreachableException e) {
            report.fail(ProbeStatus.UNREACHABLE, "Port unreachable: nothing listens on UDP port " + server.port());
        } catch (IOException e) {
            report.fail(ProbeStatus.UNREACHABLE, deadline.expired() || e instanceof SocketTimeoutException
                    ? "No SIP response over UDP within " + deadline.budgetMillis() + " ms"
                    : "Cannot exchange SIP over UDP: " + ResponseLines.printable(String.valueOf(e.getMessage())));
        }
    }
}
