package org.collabedge.http.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.IteratingCallback;

/**
 * Streams a client's request body to the backend without blocking: the next piece is read from the client only
 * after the backend took the previous one (back-pressure both ways), in the framing the edge chose (as is under a
 * Content-Length, re-chunked otherwise), never more than the body limit (413).
 */
final class RequestBodyPump extends IteratingCallback {

    /** Thrown when a request body is larger than allowed (413). */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("request body too large");
        }
    }

    interface Listener {
        void bodySent();

        void bodyFailed(Throwable cause);
    }

    private static final ByteBuffer LAST_CHUNK = BufferUtil.toBuffer("0\r\n\r\n", StandardCharsets.US_ASCII);

    private final Content.Source client;
    private final EndPoint backend;
    private final boolean chunked;
    private final long limit;
    private final Listener listener;
    private Content.Chunk first;
    private Content.Chunk current;
    private long total;
    private boolean ended;

    /** @param first a piece already read from the client (to choose the framing), or null */
    RequestBodyPump(Content.Source client, Content.Chunk first, EndPoint backend, boolean chunked, long limit,
                    Listener listener) {
        this.client = client;
        this.first = first;
        this.backend = backend;
        this.chunked = chunked;
        this.limit = limit;
        this.listener = listener;
    }

    @Override
    protected Action process() throws Throwable {
        release();
        if (ended) {
            return Action.SUCCEEDED;
        }
        Content.Chunk chunk = first != null ? first : client.read();
        first = null;
        if (chunk == null) {
            client.demand(this::iterate);
            return Action.IDLE;
        }
        if (Content.Chunk.isFailure(chunk)) {
            throw chunk.getFailure();
        }
        current = chunk;
        ByteBuffer data = chunk.getByteBuffer();
        int n = data.remaining();
        total += n;
        if (total > limit) {
            throw new TooLarge();
        }
        ended = chunk.isLast();
        if (!chunked) {
            backend.write(this, data);
        } else if (n == 0) {
            if (!ended) {
                return process(); // an empty piece: read on
            }
            backend.write(this, LAST_CHUNK.slice());
        } else {
            ByteBuffer size = BufferUtil.toBuffer(Integer.toHexString(n) + "\r\n", StandardCharsets.US_ASCII);
            ByteBuffer crlf = BufferUtil.toBuffer(ended ? "\r\n0\r\n\r\n" : "\r\n", StandardCharsets.US_ASCII);
            backend.write(this, size, data, crlf);
        }
        return Action.SCHEDULED;
    }

    private void release() {
        if (current != null) {
            current.release();
            current = null;
        }
    }

    @Override
    protected void onCompleteSuccess() {
        listener.bodySent();
    }

    @Override
    protected void onCompleteFailure(Throwable cause) {
        release();
        listener.bodyFailed(cause);
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }
}
