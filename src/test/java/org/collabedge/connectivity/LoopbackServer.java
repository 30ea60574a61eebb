package org.collabedge.connectivity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

/**
 * A TCP or TLS server on 127.0.0.1 and an ephemeral port, one thread per connection, for probe tests. It keeps
 * the head of each request it reads so tests can check what the probe sent.
 */
final class LoopbackServer implements AutoCloseable {

    /** What the server does with one accepted connection. */
    interface Handler {
        void handle(Socket socket, LoopbackServer server) throws IOException;
    }

    private final ServerSocket listener;
    private final Handler handler;
    private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();

    private LoopbackServer(ServerSocket listener, Handler handler) {
        this.listener = listener;
        this.handler = handler;
        Thread acceptor = new Thread(this::acceptLoop, "loopback-server-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static LoopbackServer tcp(Handler handler) throws IOException {
        return new LoopbackServer(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")), handler);
    }

    static LoopbackServer tls(SSLContext context, Handler handler) throws IOException {
        return new LoopbackServer(context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getByName("127.0.0.1")), handler);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The head of the next request read, waiting up to five seconds. */
    String nextRequest() throws InterruptedException {
        return requests.poll(5, TimeUnit.SECONDS);
    }

    /** Answers SIP OPTIONS with 200 OK (echoing the transaction headers) and HTTP HEAD with 200 OK, then closes. */
    static Handler sipAndHttp() {
        return (socket, server) -> {
            String head = server.readHead(socket);
            if (head.startsWith("OPTIONS ")) {
                write(socket, SipResponses.ok(head));
            } else if (head.startsWith("HEAD ")) {
                write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            }
        };
    }

    /** Reads the request, then answers {@code reply} whatever was asked. */
    static Handler answering(String reply) {
        return (socket, server) -> {
            server.readHead(socket);
            write(socket, reply);
        };
    }

    /** Says {@code text} as soon as the connection is accepted, before reading anything. */
    static Handler greetingFirst(String text) {
        return (socket, server) -> {
            write(socket, text);
            server.readHead(socket);
        };
    }

    /** Reads, never answers, and keeps the connection open until the client goes. */
    static Handler silent() {
        return (socket, server) -> {
            server.readHead(socket);
            while (socket.getInputStream().read() != -1) {
                // drain until the client closes
            }
        };
    }

    /** Reads up to the blank line that ends a SIP or HTTP head (or an XMPP stream header's '>'), and keeps it. */
    String readHead(Socket socket) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder head = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null && !line.isEmpty()) {
            head.append(line).append("\r\n");
            if (line.startsWith("<?xml") && line.endsWith(">")) {
                break;
            }
        }
        requests.add(head.toString());
        return head.toString();
    }

    static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                Thread worker = new Thread(() -> serve(socket), "loopback-connection");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(5_000);
            handler.handle(socket, this);
        } catch (IOException e) {
            // the probe may abort a handshake or hang up: that is the point of several tests
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
