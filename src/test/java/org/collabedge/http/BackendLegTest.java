package org.collabedge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The non-blocking backend leg against backends that stream, stall, misbehave or close pooled connections: bodies
 * of any framing arrive whole, time-outs and the per-backend connection bound answer 504/503, broken answers 502.
 */
class BackendLegTest {

    private static final String AUTH = EdgeHarness.basic("alice", "secret");
    private ScriptedBackend backend;
    private EdgeHarness edge;

    private void start(ScriptedBackend.Script script, ProxyLimits limits) throws Exception {
        backend = new ScriptedBackend(script);
        edge = EdgeHarness.simple(new TestAllowList(backend.port()));
        edge.edge.limits(limits);
    }

    private String target(String path) {
        return "/corp/http/127.0.0.1/" + backend.port() + "/allowed/" + path;
    }

    @AfterEach
    void stop() {
        if (edge != null) {
            edge.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    private static String letters(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + i % 26));
        }
        return sb.toString();
    }

    private static ProxyLimits limits(Duration backendIdle, Duration total, Duration connect, int perBackend) {
        ProxyLimits d = ProxyLimits.DEFAULTS;
        return new ProxyLimits(d.requestHeaderBytes(), d.requestBodyBytes(), d.clientIdleTimeout(), backendIdle, total,
                connect, perBackend);
    }

    @Test
    void largeBodiesStreamWhateverTheirFraming() throws Exception {
        String big = letters(1024 * 1024 + 7);
        start((head, in, out) -> {
            if (head.contains("/allowed/length")) {
                ScriptedBackend.write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + big.length() + "\r\n\r\n" + big);
                return true;
            }
            if (head.contains("/allowed/chunked")) {
                ScriptedBackend.write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
                for (int i = 0; i < big.length(); i += 70_000) {
                    String piece = big.substring(i, Math.min(big.length(), i + 70_000));
                    ScriptedBackend.write(out, Integer.toHexString(piece.length()) + "\r\n" + piece + "\r\n");
                }
                ScriptedBackend.write(out, "0\r\n\r\n");
                return true;
            }
            ScriptedBackend.write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + big);
            return false;
        }, ProxyLimits.DEFAULTS);
        for (String path : new String[] {"length", "chunked", "until-close"}) {
            long t0 = System.nanoTime();
            EdgeHarness.RawResponse r = edge.get(target(path), AUTH);
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), path + ": the end is seen at once");
            assertEquals(200, r.status(), path);
            String body = r.header("Transfer-Encoding") == null ? r.body() : dechunk(r.body());
            assertEquals(big.length(), body.length(), path);
            assertEquals(big, body, path);
        }
    }

    @Test
    void aLargeRequestBodyStreamsToTheBackendAndTheBodyLimitHoldsForChunkedUploads() throws Exception {
        int size = 3 * 1024 * 1024;
        start((head, in, out) -> {
            if (!head.contains("Content-Length: ")) {
                in.readAllBytes(); // a chunked upload: never answered, so only the edge's body limit can end it
                return false;
            }
            long length = Long.parseLong(head.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
            byte[] body = in.readNBytes((int) length);
            ScriptedBackend.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n"
                    + String.format("%20d", body.length));
            return true;
        }, ProxyLimits.DEFAULTS);
        String body = letters(size);
        EdgeHarness.RawResponse r = edge.raw("POST " + target("upload") + " HTTP/1.1\r\nHost: localhost\r\n" + AUTH
                + "\r\nContent-Length: " + size + "\r\nConnection: close\r\n\r\n" + body);
        assertEquals(200, r.status());
        assertEquals(size, Integer.parseInt(r.body().trim()));

        ProxyLimits small = ProxyLimits.DEFAULTS;
        edge.edge.limits(new ProxyLimits(small.requestHeaderBytes(), 1000, small.clientIdleTimeout(),
                small.backendIdleTimeout(), small.totalTimeout(), small.connectTimeout(), 4));
        String chunk = letters(600);
        EdgeHarness.RawResponse tooBig = edge.raw("POST " + target("upload") + " HTTP/1.1\r\nHost: localhost\r\n"
                + AUTH + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n258\r\n" + chunk + "\r\n258\r\n"
                + chunk + "\r\n0\r\n\r\n");
        // 413, or the connection reset under the answer when the edge closed with the client's last bytes unread
        assertTrue(tooBig.status() == 413 || tooBig.status() == -1, "got " + tooBig.status());
        assertEquals(1, edge.edge.proxyMetrics().count("refused", 413));
    }

    @Test
    void aSilentBackendIs504AfterTheIdleTimeOutAndASlowOneAfterTheTotalTimeOut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        start((head, in, out) -> {
            release.await(10, TimeUnit.SECONDS);
            return false;
        }, limits(Duration.ofMillis(300), Duration.ofMinutes(1), Duration.ofSeconds(5), 8));
        long t0 = System.nanoTime();
        assertEquals(504, edge.get(target("silent"), AUTH).status());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
        edge.edge.limits(limits(Duration.ofSeconds(30), Duration.ofMillis(300), Duration.ofSeconds(5), 8));
        t0 = System.nanoTime();
        assertEquals(504, edge.get(target("slow"), AUTH).status());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
        release.countDown();
        assertEquals(2, edge.edge.proxyMetrics().count("backend_error", 504));
    }

    @Test
    void connectionsPerBackendAreBoundedAndAWaitingRequestGetsAFreedConnection() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start((head, in, out) -> {
            if (head.contains("/allowed/hold")) {
                holding.countDown();
                release.await(10, TimeUnit.SECONDS);
            }
            ScriptedBackend.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            return true;
        }, limits(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMillis(400), 1));
        CompletableFuture<Integer> held = CompletableFuture.supplyAsync(() -> status(target("hold")));
        assertTrue(holding.await(5, TimeUnit.SECONDS));
        assertEquals(503, edge.get(target("busy"), AUTH).status(), "no connection frees within the wait");
        edge.edge.limits(limits(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofSeconds(5), 1));
        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> status(target("after")));
        Thread.sleep(200);
        release.countDown();
        assertEquals(200, held.get(10, TimeUnit.SECONDS));
        assertEquals(200, waiting.get(10, TimeUnit.SECONDS));
        assertEquals(1, backend.connections.get(), "the waiting request reused the one connection");
    }

    @Test
    void aRequestThatTimedOutWaitingForAConnectionNeverUsesOneThatFreesLater() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        java.util.Queue<String> seen = new java.util.concurrent.ConcurrentLinkedQueue<>();
        start((head, in, out) -> {
            seen.add(head.lines().findFirst().orElse(""));
            if (head.contains("/allowed/hold")) {
                holding.countDown();
                release.await(10, TimeUnit.SECONDS);
            }
            ScriptedBackend.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            return true;
        }, limits(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofSeconds(5), 1));
        CompletableFuture<Integer> held = CompletableFuture.supplyAsync(() -> status(target("hold")));
        assertTrue(holding.await(5, TimeUnit.SECONDS));
        edge.edge.limits(limits(Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofSeconds(5), 1));
        assertEquals(504, edge.get(target("late"), AUTH).status(), "the total time-out ends the wait for a link");
        edge.edge.limits(limits(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofSeconds(5), 1));
        release.countDown();
        assertEquals(200, held.get(10, TimeUnit.SECONDS));
        long t0 = System.nanoTime();
        assertEquals(200, edge.get(target("after"), AUTH).status(), "the freed connection serves the next request");
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3));
        assertTrue(seen.stream().noneMatch(l -> l.contains("/allowed/late")),
                "the abandoned request was never sent: " + seen);
    }

    private int status(String target) {
        try {
            return edge.get(target, AUTH).status();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anHttp10AnswerKeepsItsConnectionOnlyWhenItSaysKeepAlive() throws Exception {
        start((head, in, out) -> {
            // Both keep the socket open; only the second says so, as HTTP/1.0 requires for a persistent connection.
            String keep = head.contains("/allowed/keep") ? "Connection: keep-alive\r\n" : "";
            ScriptedBackend.write(out, "HTTP/1.0 200 OK\r\n" + keep + "Content-Length: 2\r\n\r\nok");
            return true;
        }, ProxyLimits.DEFAULTS);
        assertEquals(200, edge.get(target("one"), AUTH).status());
        assertEquals(200, edge.get(target("two"), AUTH).status());
        assertEquals(2, backend.connections.get(), "an HTTP/1.0 answer without keep-alive ends its connection");
        assertEquals(200, edge.get(target("keep1"), AUTH).status());
        assertEquals(200, edge.get(target("keep2"), AUTH).status());
        assertEquals(3, backend.connections.get(), "an HTTP/1.0 keep-alive connection is reused");
    }

    @Test
    void aPooledConnectionTheBackendClosedIsRetriedOnceOnAFreshOne() throws Exception {
        start((head, in, out) -> {
            ScriptedBackend.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            out.flush();
            return false; // closes without announcing it: the edge pooled the connection
        }, ProxyLimits.DEFAULTS);
        assertEquals(200, edge.get(target("one"), AUTH).status());
        Thread.sleep(100);
        assertEquals(200, edge.get(target("two"), AUTH).status());
        assertEquals(200, edge.get(target("three"), AUTH).status());
        assertEquals(3, backend.connections.get());
    }

    @Test
    void oneKeptAliveConnectionCarriesAnswersOfEveryShapeInTurnWithNothingLeakingBetweenThem() throws Exception {
        // The link's one parser and header list are reset between answers: each answer here differs from the last
        // in framing, status and headers, and all go over the same backend connection.
        start((head, in, out) -> {
            if (head.startsWith("HEAD ")) {
                ScriptedBackend.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nX-Head: yes\r\n\r\n");
            } else if (head.contains("/allowed/interim")) {
                ScriptedBackend.write(out, "HTTP/1.1 100 Continue\r\nX-Interim: dropped\r\n\r\n"
                        + "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\ninterim");
            } else if (head.contains("/allowed/named")) {
                ScriptedBackend.write(out, "HTTP/1.1 200 OK\r\nConnection: keep-alive, X-Hop\r\nX-Hop: secret\r\n"
                        + "Keep-Alive: timeout=5\r\nX-Keep: yes\r\nContent-Length: 5\r\n\r\nnamed");
            } else if (head.contains("/allowed/empty")) {
                ScriptedBackend.write(out, "HTTP/1.1 204 No Content\r\nX-Empty: yes\r\n\r\n");
            } else if (head.contains("/allowed/chunked")) {
                ScriptedBackend.write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "3\r\nchu\r\n4\r\nnked\r\n0\r\n\r\n");
            } else {
                ScriptedBackend.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nsmall");
            }
            return true;
        }, ProxyLimits.DEFAULTS);
        EdgeHarness.RawResponse named = edge.get(target("named"), AUTH);
        assertEquals("named", named.body());
        assertTrue(named.headers().contains("X-Keep: yes"), named.headers().toString());
        assertTrue(named.headers().stream().noneMatch(h -> h.startsWith("X-Hop") || h.startsWith("Keep-Alive")),
                named.headers().toString());
        EdgeHarness.RawResponse interim = edge.get(target("interim"), AUTH);
        assertEquals(200, interim.status());
        assertEquals("interim", interim.body());
        EdgeHarness.RawResponse head = edge.raw("HEAD " + target("head") + " HTTP/1.1\r\nHost: localhost\r\n" + AUTH
                + "\r\nConnection: close\r\n\r\n");
        assertEquals(200, head.status());
        assertEquals("", head.body());
        assertTrue(head.headers().contains("X-Head: yes"), head.headers().toString());
        EdgeHarness.RawResponse empty = edge.get(target("empty"), AUTH);
        assertEquals(204, empty.status());
        EdgeHarness.RawResponse chunked = edge.get(target("chunked"), AUTH);
        assertEquals("chunked", chunked.header("Transfer-Encoding") == null ? chunked.body() : dechunk(chunked.body()));
        EdgeHarness.RawResponse small = edge.get(target("small"), AUTH);
        assertEquals("small", small.body());
        for (EdgeHarness.RawResponse r : new EdgeHarness.RawResponse[] {interim, empty, small}) {
            assertTrue(r.headers().stream().noneMatch(h -> h.startsWith("X-Keep") || h.startsWith("X-Head")
                    || h.startsWith("X-Interim") || h.startsWith("X-Empty") && r != empty), r.headers().toString());
        }
        assertEquals(1, backend.connections.get());
    }

    @Test
    void aBackendThatAnswersBeforeReadingTheBodyLosesItsConnectionSoTheNextRequestIsNotTakenForThatBody()
            throws Exception {
        // The backend refuses the upload at its head (401, as a server checking credentials first would) and does
        // not read the body: what follows on that connection it takes for the next request. The answer comes
        // while the edge is still streaming the upload; the edge must then close the connection, or the next
        // request on it would be read after (or inside) the upload's bytes.
        start((head, in, out) -> {
            String line = head.lines().findFirst().orElse("");
            if (!line.matches("[A-Z]+ /\\S* HTTP/1\\.1")) {
                ScriptedBackend.write(out, "HTTP/1.1 400 Bad Request\r\nContent-Length: 6\r\n\r\ndesync");
                return false;
            }
            if (line.startsWith("POST ")) {
                ScriptedBackend.write(out, "HTTP/1.1 401 Unauthorized\r\nContent-Length: 4\r\n\r\nnope");
                return true; // keeps the connection open without reading the body
            }
            ScriptedBackend.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext");
            return true;
        }, ProxyLimits.DEFAULTS);
        String body = letters(256 * 1024);
        String upload = "POST " + target("upload") + " HTTP/1.1\r\nHost: localhost\r\n" + AUTH
                + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
        try (javax.net.ssl.SSLSocket socket = edge.connect()) {
            // Written on its own thread: the edge may close the connection under the unsent rest of the upload.
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    socket.getOutputStream().write(upload.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().flush();
                } catch (java.io.IOException closedUnderIt) {
                    // expected when the edge stops reading after the answer
                }
            });
            assertEquals(401, EdgeHarness.parse(EdgeHarness.readAll(socket)).status());
            socket.close();
            writing.get(20, TimeUnit.SECONDS);
        }
        for (int i = 0; i < 3; i++) {
            EdgeHarness.RawResponse next = edge.get(target("next"), AUTH);
            assertEquals(200, next.status(), "request " + i + " after the early answer: " + next.body());
            assertEquals("next", next.body());
        }
    }

    @Test
    void malformedAnswersAre502() throws Exception {
        start((head, in, out) -> {
            if (head.contains("/allowed/fold")) {
                ScriptedBackend.write(out, "HTTP/1.1 200 OK\r\nX-A: 1\r\n folded\r\nContent-Length: 0\r\n\r\n");
            } else if (head.contains("/allowed/framing")) {
                ScriptedBackend.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked"
                        + "\r\n\r\n0\r\n\r\n");
            } else if (head.contains("/allowed/status")) {
                ScriptedBackend.write(out, "HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n");
            } else if (head.contains("/allowed/short")) {
                ScriptedBackend.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
            } else {
                ScriptedBackend.write(out, "HTTP/1.1 200 OK\r\nX-Big: " + letters(40_000) + "\r\n\r\n");
            }
            return false;
        }, ProxyLimits.DEFAULTS);
        for (String path : new String[] {"fold", "framing", "status", "short", "huge-head"}) {
            assertEquals(502, edge.get(target(path), AUTH).status(), path);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (true) {
            int eol = chunked.indexOf("\r\n", i);
            int size = Integer.parseInt(chunked.substring(i, eol).trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(chunked, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
    }


}
