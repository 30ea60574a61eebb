package org.collabedge.http.proxy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.collabedge.http.ProxyLimits;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;
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
    private final Response response;
    private final boolean head;
    private final boolean upgrade;
    private final UnaryOperator<String> locationRewriter;
    private final Callback pieceWritten;
    private final List<ResponseHead.Header> headers = new ArrayList<>();
    private int status;
    private boolean headDone;
    private boolean complete;
    private boolean writing;
    private boolean reusable;
    private long headAt;
    private byte[] small;
    private int smallLength;
    private Throwable broken;

    /** @param pieceWritten completes each streamed piece's write to the client (resumes the link, or fails) */
    AnswerParser(Response response, boolean headRequest, boolean upgrade, UnaryOperator<String> locationRewriter,
                 Callback pieceWritten) {
        this.parser = new HttpParser(this, ProxyLimits.RESPONSE_HEADER_BYTES, HttpCompliance.RFC7230);
        this.parser.setHeadResponse(headRequest);
        this.response = response;
        this.head = headRequest;
        this.upgrade = upgrade;
        this.locationRewriter = locationRewriter;
        this.pieceWritten = pieceWritten;
    }

    Step parse(ByteBuffer in) {
        while (true) {
            boolean stopped = parser.parseNext(in);
            if (broken != null) {
                return Step.BROKEN;
            }
            if (headDone && status == 101) {
                return Step.UPGRADED;
            }
            if (complete && isInterim()) {
                // 100 Continue, 103 Early Hints: not passed on; the real answer follows on the same link.
                parser.reset();
                headers.clear();
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

    /** The collected small body (or nothing left to write for a streamed one). */
    ByteBuffer lastPiece() {
        return small == null ? BufferUtil.EMPTY_BUFFER : ByteBuffer.wrap(small, 0, smallLength);
    }

    /** The 101's headers as they may reach the client. */
    void copyUpgradeHead(HttpFields.Mutable out) {
        new ResponseHead(101, List.copyOf(headers)).copyTo(out, true, UnaryOperator.identity());
    }

    @Override
    public void startResponse(HttpVersion version, int code, String reason) {
        status = code;
    }

    @Override
    public void parsedHeader(HttpField field) {
        headers.add(new ResponseHead.Header(field.getName(), field.getValue()));
    }

    @Override
    public boolean headerComplete() {
        headDone = true;
        if (isInterim()) {
            return false;
        }
        headAt = System.nanoTime();
        if (status == 101) {
            if (!upgrade) {
                broken = new BadBackendResponse("101 without an upgrade request");
            }
            return true; // the rest of the buffer belongs to the tunnel
        }
        ResponseHead answer = new ResponseHead(status, List.copyOf(headers));
        long length;
        try {
            length = answer.contentLength();
        } catch (BadBackendResponse e) {
            broken = e;
            return true;
        }
        boolean noBody = head || status == 204 || status == 304;
        reusable = !answer.hasToken("Connection", "close") && (answer.isChunked() || length >= 0 || noBody);
        response.setStatus(status);
        HttpFields.Mutable out = response.getHeaders();
        answer.copyTo(out, false, locationRewriter);
        if (noBody) {
            small = new byte[0];
        } else if (length >= 0 && length <= SMALL_BODY) {
            small = new byte[(int) length];
        } else if (length < 0) {
            out.remove(HttpHeader.CONTENT_LENGTH);
        }
        return false;
    }

    @Override
    public boolean content(ByteBuffer piece) {
        if (small != null) {
            int n = Math.min(piece.remaining(), small.length - smallLength);
            piece.get(small, smallLength, n);
            smallLength += n;
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
        return status >= 100 && status < 200 && status != 101;
    }
}
