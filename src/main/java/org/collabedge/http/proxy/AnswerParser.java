package org.collabedge.http.proxy;

import java.nio.ByteBuffer;
import java.util.function.UnaryOperator;

import org.collabedge.http.ProxyLimits;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Reads a backend's answer with jetty-http's strict parser and relays it to the client's response: head filtered
 * and redirect rewritten once complete, small bodies collected for one final write, larger ones written piece by
 * piece (each piece pauses parsing until the client took it: {@link Step#WAIT}). 1xx interim answers are skipped.
 */
final class AnswerParser implements HttpParser.ResponseHandler {

    /** What the caller does next. */
    enum Step { MORE, WAIT, UPGRADED, COMPLETE, BROKEN }

    /** Bodies up to this size are collected whole and written to the client at once (one TLS record). */
    private static final int SMALL_BODY = 64 * 1024;

    private final HttpParser parser;
    private final ResponseHead answer = new ResponseHead();
    private Response response;
    private boolean head;
    private boolean upgrade;
    private UnaryOperator<String> locationRewriter;
    private Callback pieceWritten;
    private boolean headDone;
    private boolean complete;
    private boolean writing;
    private boolean reusable;
    /** HTTP/1.0 answer: persistent only when it says keep-alive (RFC 9112 9.3). */
    private boolean http10;
    private long headAt;
    /** The small body being collected (fill mode), in a buffer of the server's pool; null when streamed. */
    private RetainableByteBuffer small;
    private Throwable broken;
    /** The answer's body (if any) is collected whole for one final write. */
    private boolean collect;

    /**
     * One per backend connection, for every answer on it: jetty-http's parser (with its buffers and header cache)
     * is reset between answers instead of built anew for each.
     */
    AnswerParser() {
        this.parser = new HttpParser(this, ProxyLimits.RESPONSE_HEADER_BYTES, HttpCompliance.RFC7230);
    }

    /**
     * Prepares for the next answer on the link.
     *
     * @param pieceWritten completes each streamed piece's write to the client (resumes the link, or fails)
     */
    void begin(Response response, boolean headRequest, boolean upgrade, UnaryOperator<String> locationRewriter,
               Callback pieceWritten) {
        parser.reset();
        parser.setHeadResponse(headRequest);
        answer.clear();
        this.response = response;
        this.head = headRequest;
        this.upgrade = upgrade;
        this.locationRewriter = locationRewriter;
        this.pieceWritten = pieceWritten;
        headDone = false;
        complete = false;
        writing = false;
        reusable = false;
        http10 = false;
        headAt = 0;
        small = null;
        collect = false;
        broken = null;
    }

    /** Lets go of the finished exchange's objects while the link waits in its pool. */
    void end() {
        response = null;
        locationRewriter = null;
        pieceWritten = null;
        small = null; // taken by the finished exchange, or dropped to the garbage collector with a failed one
        answer.clear();
    }

    Step parse(ByteBuffer in) {
        while (true) {
            boolean stopped = parser.parseNext(in);
            if (broken != null) {
                return Step.BROKEN;
            }
            if (headDone && answer.status() == 101) {
                return Step.UPGRADED;
            }
            if (complete && isInterim()) {
                // 100 Continue, 103 Early Hints: not passed on; the real answer follows on the same link.
                parser.reset();
                parser.setHeadResponse(head);
                answer.clear();
                headDone = false;
                complete = false;
                continue;
            }
            if (complete) {
                return Step.COMPLETE;
            }
            if (writing) {
                writing = false;
                return Step.WAIT;
            }
            if (!stopped || !in.hasRemaining()) {
                return Step.MORE;
            }
        }
    }

    /** The backend closed: a close-delimited body ends here, anything else was cut short. */
    Step atEof() {
        parser.atEOF();
        return parse(BufferUtil.EMPTY_BUFFER);
    }

    Throwable broken() {
        return broken;
    }

    /** Whether the link may serve another request after this answer. */
    boolean reusable() {
        return reusable && !parser.isClose();
    }

    /** When the answer's head was complete (System.nanoTime), 0 before. */
    long headAt() {
        return headAt;
    }

    /**
     * The collected small body, or null when there is nothing left to write (no body, or a streamed one). The caller
     * owns it from here: it writes {@code getByteBuffer()} and releases it once the write completed.
     */
    RetainableByteBuffer takeLastPiece() {
        RetainableByteBuffer body = small;
        small = null;
        if (body != null) {
            body.getByteBuffer().flip();
        }
        return body;
    }

    /** The 101's headers as they may reach the client. */
    void copyUpgradeHead(HttpFields.Mutable out) {
        answer.copyTo(out, true, UnaryOperator.identity());
    }

    @Override
    public void startResponse(HttpVersion version, int code, String reason) {
        http10 = version == HttpVersion.HTTP_1_0;
        answer.status(code);
    }

    @Override
    public void parsedHeader(HttpField field) {
        answer.add(field);
    }

    @Override
    public boolean headerComplete() {
        headDone = true;
        if (isInterim()) {
            return false;
        }
        headAt = System.nanoTime();
        int status = answer.status();
        if (status == 101) {
            if (!upgrade) {
                broken = new BadBackendResponse("101 without an upgrade request");
            }
            return true; // the rest of the buffer belongs to the tunnel
        }
        long length;
        try {
            length = answer.contentLength();
        } catch (BadBackendResponse e) {
            broken = e;
            return true;
        }
        boolean noBody = head || status == 204 || status == 304;
        reusable = !answer.hasToken("Connection", "close") && (answer.isChunked() || length >= 0 || noBody)
                && (!http10 || answer.hasToken("Connection", "keep-alive"));
        response.setStatus(status);
        HttpFields.Mutable out = response.getHeaders();
        answer.copyTo(out, false, locationRewriter);
        if (noBody) {
            collect = true;
        } else if (length >= 0 && length <= SMALL_BODY) {
            collect = true;
            if (length > 0) {
                small = response.getRequest().getComponents().getByteBufferPool().acquire((int) length, false);
                ByteBuffer b = small.getByteBuffer();
                b.clear().limit((int) length); // fill mode, exactly the body's room
            }
        } else if (length < 0) {
            out.remove(HttpHeader.CONTENT_LENGTH);
        }
        return false;
    }

    @Override
    public boolean content(ByteBuffer piece) {
        if (collect) {
            ByteBuffer b = small == null ? BufferUtil.EMPTY_BUFFER : small.getByteBuffer();
            int n = Math.min(piece.remaining(), b.remaining());
            if (n > 0) {
                int limit = piece.limit();
                piece.limit(piece.position() + n);
                b.put(piece);
                piece.limit(limit);
            }
            return false;
        }
        writing = true;
        response.write(false, piece, pieceWritten);
        return true;
    }

    @Override
    public boolean contentComplete() {
        return false;
    }

    @Override
    public boolean messageComplete() {
        complete = true;
        return true;
    }

    @Override
    public void earlyEOF() {
        broken = new BadBackendResponse("the answer ended early");
    }

    @Override
    public void badMessage(HttpException failure) {
        broken = new BadBackendResponse("malformed answer: " + failure.getReason());
    }

    private boolean isInterim() {
        int status = answer.status();
        return status >= 100 && status < 200 && status != 101;
    }
}
