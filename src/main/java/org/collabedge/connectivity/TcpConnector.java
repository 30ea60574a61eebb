package org.collabedge.connectivity;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * Opens a TCP connection to a host within a deadline, trying each of its addresses in turn (so "localhost" that
 * resolves to ::1 first still reaches a server listening on 127.0.0.1). Name resolution is bounded by the system
 * resolver's own timeouts.
 */
final class TcpConnector {

    private TcpConnector() {
    }

    static Socket connect(String host, int port, Deadline deadline) throws IOException {
        IOException last = null;
        for (InetAddress address : InetAddress.getAllByName(host)) {
            if (deadline.expired()) {
                break;
            }
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), deadline.timeoutMillis());
                return socket;
            } catch (IOException e) {
                Deadline.closeQuietly(socket);
                last = e;
            }
        }
        throw last != null ? last : new SocketTimeoutException("connect timed out");
    }

    /** Why a connection could not be made, in a few words for the admin page. */
    static String describe(IOException e, String host, Deadline deadline) {
        if (e instanceof UnknownHostException) {
            return "Cannot resolve host name " + host;
        }
        if (e instanceof SocketTimeoutException || deadline.expired()) {
            return "No answer to the connection attempt within " + deadline.budgetMillis() + " ms";
        }
        if (e instanceof NoRouteToHostException) {
            return "No route to host";
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof ConnectException && message.toLowerCase(java.util.Locale.ROOT).contains("refused")) {
            return "Connection refused";
        }
        return "Cannot connect: " + message;
    }
}
