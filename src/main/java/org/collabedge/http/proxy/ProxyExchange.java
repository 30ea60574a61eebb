package org.collabedge.http.proxy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;

import org.collabedge.http.ProxyTarget;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Starts forwarding one allowed, authenticated request to its backend over HTTP/1.1: decides the body framing,
 * writes the request head with exactly the canonical path, the client's end-to-end headers plus the edge's own,
 * and hands the rest to a {@link Forwarding} on the non-blocking {@link BackendLeg}, which completes the request.
 */
final class ProxyExchange {

    /** The edge-side facts that go into the forwarded request. */
    record Context(ProxyTarget target, String user, boolean dropAuthorization, String clientAddress,
                   String edgeAuthority, UnaryOperator<String> locationRewriter) {
    }

    /** The request head is built on the handler thread and copied out at once: one builder per thread serves. */
    private static final ThreadLocal<StringBuilder> HEAD_BUILDER = ThreadLocal.withInitial(() -> new StringBuilder(1024));

    private final BackendLeg backends;

    ProxyExchange(BackendLeg backends) {
        this.backends = backends;
    }

    /**
     * Whether {@link #forward} will neither block nor answer by itself: no body larger than the limit (413) and no
     * body of unknown length, whose first piece is awaited to choose the framing.
     */
    boolean forwardsWithoutBlocking(Request request) {
        long length = request.getLength();
        if (length > backends.limits().requestBodyBytes()) {
            return false;
        }
        return length >= 0 || isWebSocketUpgrade(request) || !unframed(request);
    }

    private static boolean unframed(Request request) {
        return request.getConnectionMetaData().getHttpVersion().getVersion() >= 20
                || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    /**
     * Called on a pool thread, or on the thread that parsed the request when {@link #forwardsWithoutBlocking}
     * said so; returns at once, the callback completes later.
     *
     * @return false when the request was answered here (413) and the caller completes the callback
     */
    boolean forward(Request request, Response response, Callback callback, Context ctx, Forwarding.Done done)
            throws IOException {
        HttpFields headers = request.getHeaders();
        boolean upgrade = isWebSocketUpgrade(request);
        long length = request.getLength();
        if (length > backends.limits().requestBodyBytes()) {
            ProxyHandler.refuse(response, 413, "request body too large");
            done.completed("refused", 413, 0);
            return false;
        }
        Content.Chunk first = null;
        if (length < 0 && !upgrade && unframed(request)) {
            // No Content-Length: a chunked HTTP/1.1 body or an HTTP/2 stream; empty when it ends at once.
            first = firstPiece(request);
            if (Content.Chunk.isFailure(first)) {
                throw new IOException(first.getFailure());
            }
            if (first.isLast() && !first.hasRemaining()) {
                first.release();
                first = null;
            }
        }
        boolean chunked = first != null;
        boolean hasBody = length > 0 || chunked;
        ByteBuffer head = latin1(requestHead(request, ctx, upgrade, length, chunked));
        new Forwarding(backends, request, response, callback, ctx, head, first, hasBody, chunked, upgrade, done)
                .start();
        return true;
    }

    /** Waits (on this handler thread) for the first piece of a body of unknown length. */
    private static Content.Chunk firstPiece(Request request) throws IOException {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk != null) {
                return chunk;
            }
            CountDownLatch ready = new CountDownLatch(1);
            request.demand(ready::countDown);
            try {
                ready.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
        }
    }

    /** The head's bytes as ISO-8859-1, without the String copy in the common case of Latin-1 text only. */
    static ByteBuffer latin1(CharSequence text) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = text.charAt(i);
            if (c > 0xff) {
                // The encoder's own replacement rules ('?' per unmappable code point) for the rare rest.
                return ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.ISO_8859_1));
            }
            bytes[i] = (byte) c;
        }
        return ByteBuffer.wrap(bytes);
    }

    private StringBuilder requestHead(Request request, Context ctx, boolean upgrade, long length, boolean chunked) {
        ProxyTarget target = ctx.target();
        StringBuilder head = HEAD_BUILDER.get();
        if (head.capacity() > 16 * 1024) {
            head = new StringBuilder(1024); // one huge head does not stay with the thread for ever
            HEAD_BUILDER.set(head);
        }
        head.setLength(0);
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
        return head.append("\r\n");
    }

    static boolean isWebSocketUpgrade(Request request) {
        HttpFields h = request.getHeaders();
        return "GET".equals(request.getMethod())
                && request.getConnectionMetaData().getHttpVersion().getVersion() == 11
                && "websocket".equalsIgnoreCase(h.get(HttpHeader.UPGRADE))
                && h.contains(HttpHeader.CONNECTION, "upgrade");
    }
}
