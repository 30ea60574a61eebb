package org.collabedge.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An internal web server for proxy tests (JDK HttpServer on loopback): records what really arrived and answers
 * {@code 200 ok:<path>}, or a redirect for paths under {@code /allowed/redirect} (Location from the query).
 */
final class RecordingBackend implements AutoCloseable {

    record Received(String method, String rawPathAndQuery, Headers headers, byte[] body, int clientPort) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();

    RecordingBackend() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Received> received() {
        return received;
    }

    Received last() {
        return received.isEmpty() ? null : received.get(received.size() - 1);
    }

    /** Answers {@code path} with 302 and this Location. */
    void redirect(String path, String location) {
        redirects.put(path, location);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String raw = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        received.add(new Received(exchange.getRequestMethod(), raw, exchange.getRequestHeaders(), body,
                exchange.getRemoteAddress().getPort()));
        String location = redirects.get(exchange.getRequestURI().getRawPath());
        if (location != null) {
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
            return;
        }
        byte[] answer = ("ok:" + raw + (body.length > 0 ? " body:" + new String(body, StandardCharsets.UTF_8) : ""))
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        exchange.getResponseHeaders().add("X-Backend", "yes");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
