package org.collabedge.http.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.collabedge.http.ProxyLimits;
import org.collabedge.http.ProxyTarget;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.FutureCallback;

/**
 * Forwards one allowed, authenticated request to its backend over HTTP/1.1 and streams the answer back: request
 * head with exactly the canonical path, the client's end-to-end headers plus the edge's own, the body in a framing
 * the edge chose; then the response head (filtered, redirect rewritten) and body. A backend 101 to a WebSocket
 * upgrade turns the client connection into a {@link WebSocketTunnel}.
 */
final class ProxyExchange {

    /** What the client was sent; {@code headNanos} is the time to the backend's response head (0 if none). */
    record Outcome(int status, long headNanos) {
    }

    /** The edge-side facts that go into the forwarded request. */
    record Context(ProxyTarget target, String user, boolean dropAuthorization, String clientAddress,
                   String edgeAuthority, UnaryOperator<String> locationRewriter) {
    }

    /** Bodies up to this size are read whole from the backend and written to the client at once. */
    private static final int SMALL_BODY = 64 * 1024;

    private final BackendClient backends;

    ProxyExchange(BackendClient backends) {
        this.backends = backends;
    }

    Outcome forward(Request request, Response response, Context ctx) throws IOException {
        ProxyTarget target = ctx.target();
        HttpFields headers = request.getHeaders();
        boolean upgrade = isWebSocketUpgrade(request);
        long length = request.getLength();
        if (length > ProxyLimits.REQUEST_BODY_BYTES) {
            return new Outcome(ProxyHandler.refuse(response, 413, "request body too large"), 0);
        }
        InputStream clientBody = Content.Source.asInputStream(request);
        byte[] first = null;
        int firstLength = -1;
        boolean unframed = request.getConnectionMetaData().getHttpVersion().getVersion() >= 20
                || headers.contains(HttpHeader.TRANSFER_ENCODING);
        if (length < 0 && !upgrade && unframed) {
            // No Content-Length: a chunked HTTP/1.1 body or an HTTP/2 stream; empty when it ends at once.
            first = new byte[Bodies.BUFFER];
            firstLength = clientBody.read(first);
        }
        boolean hasBody = length > 0 || firstLength >= 0;
        String head = requestHead(request, ctx, upgrade, length, firstLength >= 0);

        long start = System.nanoTime();
        BackendConnection backend = null;
        ResponseHead answer = null;
        for (int attempt = 0; answer == null; attempt++) {
            backend = backends.acquire(target.scheme(), target.host(), target.port());
            try {
                OutputStream out = backend.out();
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                if (length > 0) {
                    Bodies.copy(clientBody, out, length, ProxyLimits.REQUEST_BODY_BYTES);
                } else if (firstLength >= 0) {
                    Bodies.copyChunked(first, firstLength, clientBody, out, ProxyLimits.REQUEST_BODY_BYTES);
                }
                out.flush();
                answer = ResponseHead.read(backend.in(), ProxyLimits.RESPONSE_HEADER_BYTES);
                while (answer.isInterim()) {
                    answer = ResponseHead.read(backend.in(), ProxyLimits.RESPONSE_HEADER_BYTES);
                }
            } catch (Bodies.TooLarge e) {
                backend.close();
                return new Outcome(ProxyHandler.refuse(response, 413, "request body too large"), 0);
            } catch (BadBackendResponse e) {
                backend.close();
                throw e;
            } catch (IOException e) {
                backend.close();
                // A pooled keep-alive connection the backend had closed: one fresh try for a body-less request.
                if (attempt > 0 || hasBody) {
                    throw e;
                }
            }
        }
        long headNanos = System.nanoTime() - start;
        if (upgrade && answer.status() == 101) {
            return new Outcome(switchProtocols(request, response, answer, backend), headNanos);
        }
        copyResponse(request, response, answer, backend, ctx);
        return new Outcome(answer.status(), headNanos);
    }

    private String requestHead(Request request, Context ctx, boolean upgrade, long length, boolean chunked) {
        ProxyTarget target = ctx.target();
        StringBuilder head = new StringBuilder(512);
        head.append(request.getMethod()).append(' ').append(TargetParser.forwardPath(target));
        if (target.rawQuery() != null) {
            head.append('?').append(target.rawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ");
        head.append(target.host().indexOf(':') >= 0 ? "[" + target.host() + "]" : target.host());
        boolean defaultPort = target.port() == (target.scheme().equals("https") ? 443 : 80);
        if (!defaultPort) {
            head.append(':').append(target.port());
        }
        head.append("\r\n");
        ForwardHeaders.appendRequestHeaders(request.getHeaders(), ctx.dropAuthorization(), head);
        String client = ctx.clientAddress();
        head.append("X-Forwarded-For: ").append(client).append("\r\n");
        head.append("X-Forwarded-Proto: https\r\n");
        head.append("X-Forwarded-Host: ").append(ctx.edgeAuthority()).append("\r\n");
        head.append("Forwarded: for=\"").append(client.indexOf(':') >= 0 ? "[" + client + "]" : client)
                .append("\";proto=https;host=\"").append(ctx.edgeAuthority()).append("\"\r\n");
        if (ctx.user() != null) {
            head.append("X-Edge-User: ").append(ctx.user()).append("\r\n");
        }
        if (upgrade) {
            head.append("Connection: Upgrade\r\nUpgrade: websocket\r\n");
        } else {
            head.append("Connection: keep-alive\r\n");
        }
        if (length >= 0 && (length > 0 || request.getHeaders().contains(HttpHeader.CONTENT_LENGTH))) {
            head.append("Content-Length: ").append(length).append("\r\n");
        } else if (chunked) {
            head.append("Transfer-Encoding: chunked\r\n");
        }
        return head.append("\r\n").toString();
    }

    private void copyResponse(Request request, Response response, ResponseHead answer, BackendConnection backend,
                              Context ctx) throws IOException {
        boolean reusable = !answer.hasToken("Connection", "close");
        try {
            response.setStatus(answer.status());
            Set<String> named = ForwardHeaders.connectionTokens(answer.all("Connection"));
            HttpFields.Mutable out = response.getHeaders();
            for (ResponseHead.Header h : answer.headers()) {
                if (!ForwardHeaders.passesToClient(h.name(), named, false)) {
                    continue;
                }
                String value = h.value();
                if (h.name().equalsIgnoreCase("Location") && answer.status() >= 300 && answer.status() < 400) {
                    value = ctx.locationRewriter().apply(value);
                }
                out.add(h.name(), value);
            }
            boolean noBody = request.getMethod().equals("HEAD") || answer.status() == 204
                    || answer.status() == 304 || answer.status() < 200;
            String contentLength = answer.first("Content-Length");
            boolean chunked = answer.all("Transfer-Encoding").stream()
                    .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"));
            if (contentLength != null && chunked || answer.all("Content-Length").size() > 1) {
                throw new BadBackendResponse("ambiguous response framing");
            }
            if (noBody) {
                writeWhole(response, new byte[0]);
            } else if (chunked) {
                out.remove(HttpHeader.CONTENT_LENGTH);
                try (OutputStream client = Content.Sink.asOutputStream(response)) {
                    Bodies.copyDechunked(backend.in(), client);
                }
            } else if (contentLength != null && parseLength(contentLength) <= SMALL_BODY) {
                // The common small answer goes out as one write (one TLS record) instead of body + end.
                int n = (int) parseLength(contentLength);
                byte[] body = backend.in().readNBytes(n);
                if (body.length != n) {
                    throw new BadBackendResponse("body ended early");
                }
                writeWhole(response, body);
            } else {
                try (OutputStream client = Content.Sink.asOutputStream(response)) {
                    if (contentLength != null) {
                        Bodies.copy(backend.in(), client, parseLength(contentLength), Long.MAX_VALUE);
                    } else {
                        reusable = false;
                        Bodies.copy(backend.in(), client, -1, Long.MAX_VALUE);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            reusable = false;
            throw e;
        } finally {
            backends.release(backend, reusable);
        }
    }

    private static void writeWhole(Response response, byte[] body) throws IOException {
        FutureCallback written = new FutureCallback();
        response.write(true, ByteBuffer.wrap(body), written);
        written.block();
    }

    private int switchProtocols(Request request, Response response, ResponseHead answer, BackendConnection backend) {
        response.setStatus(101);
        Set<String> named = ForwardHeaders.connectionTokens(answer.all("Connection"));
        for (ResponseHead.Header h : answer.headers()) {
            if (ForwardHeaders.passesToClient(h.name(), named, true)) {
                response.getHeaders().add(h.name(), h.value());
            }
        }
        var connection = request.getConnectionMetaData().getConnection();
        WebSocketTunnel tunnel = new WebSocketTunnel(connection.getEndPoint(),
                request.getConnectionMetaData().getConnector().getExecutor(), backend);
        request.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, tunnel);
        return 101;
    }

    static boolean isWebSocketUpgrade(Request request) {
        HttpFields h = request.getHeaders();
        return "GET".equals(request.getMethod())
                && request.getConnectionMetaData().getHttpVersion().getVersion() == 11
                && "websocket".equalsIgnoreCase(h.get(HttpHeader.UPGRADE))
                && h.contains(HttpHeader.CONNECTION, "upgrade");
    }

    private static long parseLength(String value) throws BadBackendResponse {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new BadBackendResponse("bad Content-Length");
        }
        return Long.parseLong(value);
    }
}
