package org.collabedge.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend that answers with exactly the bytes a test scripts, for what a well-behaved server would never send:
 * huge, chunked or close-delimited bodies, malformed heads, silence, a keep-alive connection closed behind the
 * proxy's back. Each connection reads request heads in a loop and hands them to the script.
 */
final class ScriptedBackend implements AutoCloseable {

    /** Answers one request; returns false to close the connection afterwards. */
    interface Script {
        boolean answer(String head, InputStream in, OutputStream out) throws Exception;
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    final List<String> heads = new CopyOnWriteArrayList<>();

    ScriptedBackend(Script script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    connections.incrementAndGet();
                    open.add(s);
                    threads.execute(() -> serve(s, script));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve(Socket socket, Script script) {
        try (socket) {
            socket.setSoTimeout(20_000);
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream()); // heads are read byte by byte
            OutputStream out = socket.getOutputStream();
            for (String head; (head = readHead(in)) != null; ) {
                heads.add(head);
                if (!script.answer(head, in, out)) {
                    return;
                }
                out.flush();
            }
        } catch (Exception e) {
            // the test decides what a broken connection means
        }
    }

    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b; (b = in.read()) >= 0; ) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        open.forEach(s -> {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        });
        threads.shutdownNow();
    }
}
