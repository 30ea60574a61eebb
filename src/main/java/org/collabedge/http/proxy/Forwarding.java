package org.collabedge.http.proxy;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.collabedge.http.ProxyLimits;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request on its way through the non-blocking backend leg: take a link, send the head (and stream the body),
 * parse the answer with jetty-http's strict parser, pass head (filtered, redirect rewritten) and body on to the
 * client with back-pressure, then give the link back. Small answers go out in one write. A pooled link the backend
 * had closed gets one fresh retry when nothing depends on it (no body, no answer byte yet). Failures before the
 * answer is committed become 502/503/504; later ones abort the client connection.
 */
final class Forwarding implements BackendLink.Reader, HttpParser.ResponseHandler, RequestBodyPump.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(Forwarding.class);

    /** What the client got, for the metrics. */
    interface Done {
        void completed(String outcome, int status, long headNanos);
    }

    /** Bodies up to this size are collected whole and written to the client at once (one TLS record). */
    private static final int SMALL_BODY = 64 * 1024;

    private final BackendLeg leg;
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final ProxyExchange.Context ctx;
    private final ByteBuffer head;
    private final Content.Chunk firstPiece;
    private final boolean hasBody;
    private final boolean chunkedBody;
    private final boolean upgrade;
    private final Done done;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final long start = System.nanoTime();
    private Scheduler.Task deadline;
    private BackendLink link;
    private HttpParser parser;
    private volatile int attempt;
    private boolean answerStarted;
    private volatile boolean reuse;
    /** Request sent and answer complete: the two things that must happen before the link is released. */
    private final AtomicInteger sides = new AtomicInteger(2);

    private int status;
    private final List<ResponseHead.Header> headers = new ArrayList<>();
    private boolean headDone;
    private boolean complete;
    private boolean writing;
    private boolean reusable;
    private long headNanos;
    private byte[] small;
    private int smallLength;
    private Throwable broken;

    Forwarding(BackendLeg leg, Request request, Response response, Callback callback, ProxyExchange.Context ctx,
               String head, Content.Chunk firstPiece, boolean hasBody, boolean chunkedBody, boolean upgrade,
               Done done) {
        this.leg = leg;
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.ctx = ctx;
        this.head = BufferUtil.toBuffer(head, StandardCharsets.ISO_8859_1);
        this.firstPiece = firstPiece;
        this.hasBody = hasBody;
        this.chunkedBody = chunkedBody;
        this.upgrade = upgrade;
        this.done = done;
    }

    void start() {
        ProxyLimits limits = leg.limits();
        if (!upgrade) {
            deadline = leg.scheduler().schedule(() -> fail(new TimeoutException("total time-out")),
                    limits.totalTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        leg.acquire(ctx.target().scheme(), ctx.target().host(), ctx.target().port(),
                Promise.from(this::send, this::fail));
    }

    private void send(BackendLink acquired) {
        try {
            sendOn(acquired);
        } catch (RuntimeException e) {
            // Never thrown back to the handler: this exchange owns the callback from start() on.
            fail(e);
        }
    }

    private void sendOn(BackendLink acquired) {
        link = acquired;
        parser = new HttpParser(this, ProxyLimits.RESPONSE_HEADER_BYTES, HttpCompliance.RFC7230);
        parser.setHeadResponse(request.getMethod().equals("HEAD"));
        link.getEndPoint().setIdleTimeout(leg.limits().backendIdleTimeout().toMillis());
        link.attach(this);
        ByteBuffer out = head.slice();
        BackendLink sending = link;
        if (!hasBody) {
            int mine = attempt; // a stale first attempt's late callback must not count for the retry
            sending.getEndPoint().write(Callback.from(() -> {
                if (mine == attempt) {
                    bodySent();
                }
            }, this::bodyFailed), out);
            return;
        }
        RequestBodyPump pump = new RequestBodyPump(request, firstPiece, sending.getEndPoint(), chunkedBody,
                leg.limits().requestBodyBytes(), this);
        sending.getEndPoint().write(Callback.from(pump::iterate, this::bodyFailed), out);
    }

    /** The whole request is on its way: the link may be released once the answer is complete too. */
    @Override
    public void bodySent() {
        releaseWhenBothDone();
    }

    @Override
    public void bodyFailed(Throwable cause) {
        if (finished.get()) {
            // The answer was complete before the request was sent: the link is in an unknown state.
            BackendLink l = link;
            if (l != null) {
                l.close();
            }
            return;
        }
        fail(cause);
    }

    /**
     * The backend may answer (and the answer be complete) before the writer of the request returned from its
     * write; the link goes back to the pool only when both sides are done, or a next request would find a write
     * still pending on it.
     */
    private void releaseWhenBothDone() {
        if (sides.decrementAndGet() == 0) {
            leg.release(link, reuse);
        }
    }

    // ---- bytes from the backend (BackendLink.Reader)

    @Override
    public Next onBytes(ByteBuffer in) {
        answerStarted = true;
        while (true) {
            boolean stopped = parser.parseNext(in);
            if (broken != null) {
                fail(broken);
                return Next.DONE;
            }
            if (headDone && status == 101) {
                switchProtocols();
                return Next.DONE;
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
                finish();
                return Next.DONE;
            }
            if (writing) {
                writing = false;
                return Next.WAIT;
            }
            if (!stopped || !in.hasRemaining()) {
                return Next.MORE;
            }
        }
    }

    @Override
    public void onEof() {
        if (!answerStarted) {
            fail(new EOFException("backend closed the connection"));
            return;
        }
        parser.atEOF();
        onBytes(BufferUtil.EMPTY_BUFFER);
    }

    @Override
    public void onFailure(Throwable cause) {
        fail(cause);
    }

    // ---- parser events (HttpParser.ResponseHandler)

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
        if (status == 101) {
            if (!upgrade) {
                broken = new BadBackendResponse("101 without an upgrade request");
            }
            return true; // the rest of the buffer belongs to the tunnel
        }
        headNanos = System.nanoTime() - start;
        ResponseHead answer = new ResponseHead(status, List.copyOf(headers));
        boolean chunked = answer.all("Transfer-Encoding").stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"));
        String contentLength = answer.first("Content-Length");
        if (contentLength != null && chunked || answer.all("Content-Length").size() > 1) {
            broken = new BadBackendResponse("ambiguous response framing");
            return true;
        }
        reusable = !answer.hasToken("Connection", "close") && (chunked || contentLength != null || noBody());
        response.setStatus(status);
        Set<String> named = ForwardHeaders.connectionTokens(answer.all("Connection"));
        HttpFields.Mutable out = response.getHeaders();
        for (ResponseHead.Header h : answer.headers()) {
            if (ForwardHeaders.passesToClient(h.name(), named, false)) {
                String value = h.value();
                if (h.name().equalsIgnoreCase("Location") && status >= 300 && status < 400) {
                    value = ctx.locationRewriter().apply(value);
                }
                out.add(h.name(), value);
            }
        }
        long length = contentLength == null ? -1 : parseLength(contentLength);
        if (noBody()) {
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
        response.write(false, piece, Callback.from(link::resume, this::fail));
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

    // ---- endings

    private void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        cancelDeadline();
        reuse = reusable && !parser.isClose();
        releaseWhenBothDone();
        ByteBuffer last = small == null ? BufferUtil.EMPTY_BUFFER : ByteBuffer.wrap(small, 0, smallLength);
        response.write(true, last, Callback.from(() -> {
            done.completed("forwarded", status, headNanos);
            callback.succeeded();
        }, cause -> {
            done.completed("aborted", 0, headNanos);
            callback.failed(cause);
        }));
    }

    private void switchProtocols() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        cancelDeadline();
        headNanos = System.nanoTime() - start;
        ResponseHead answer = new ResponseHead(101, List.copyOf(headers));
        response.setStatus(101);
        Set<String> named = ForwardHeaders.connectionTokens(answer.all("Connection"));
        for (ResponseHead.Header h : answer.headers()) {
            if (ForwardHeaders.passesToClient(h.name(), named, true)) {
                response.getHeaders().add(h.name(), h.value());
            }
        }
        var connection = request.getConnectionMetaData().getConnection();
        WebSocketTunnel tunnel = new WebSocketTunnel(connection.getEndPoint(),
                request.getConnectionMetaData().getConnector().getExecutor(), link);
        request.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, tunnel);
        done.completed("websocket", 101, headNanos);
        callback.succeeded();
    }

    private void fail(Throwable cause) {
        if (finished.get()) {
            return;
        }
        LOG.debug("Forwarding to {} failed (attempt {}, answer started {})", ctx.target().host(), attempt,
                answerStarted, cause);
        BackendLink failed = link;
        if (failed != null) {
            failed.detachReader(this);
            failed.close();
        }
        // A pooled keep-alive connection the backend had closed meanwhile: one fresh try for a body-less request.
        if (!answerStarted && failed != null && failed.reused() && !hasBody && attempt == 0
                && cause instanceof IOException && !(cause instanceof BadBackendResponse)) {
            attempt++;
            link = null;
            sides.set(2);
            leg.acquire(ctx.target().scheme(), ctx.target().host(), ctx.target().port(),
                    Promise.from(this::send, this::fail));
            return;
        }
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        cancelDeadline();
        if (response.isCommitted()) {
            done.completed("aborted", 0, headNanos);
            callback.failed(cause);
            return;
        }
        int code = statusFor(cause);
        String message = switch (code) {
            case 413 -> "request body too large";
            case 503 -> "internal server busy";
            case 504 -> "internal server timed out";
            default -> "internal server failed";
        };
        response.reset();
        done.completed(code == 413 ? "refused" : "backend_error", code, headNanos);
        ProxyHandler.refuse(response, code, message, callback);
    }

    static int statusFor(Throwable e) {
        if (e instanceof RequestBodyPump.TooLarge) {
            return 413;
        }
        if (e instanceof BackendPool.Exhausted) {
            return 503;
        }
        if (e instanceof TimeoutException || e instanceof SocketTimeoutException) {
            return 504;
        }
        return 502;
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel();
        }
    }

    private boolean isInterim() {
        return status >= 100 && status < 200 && status != 101;
    }

    private boolean noBody() {
        return request.getMethod().equals("HEAD") || status == 204 || status == 304;
    }

    private long parseLength(String value) {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            broken = new BadBackendResponse("bad Content-Length");
            return -1;
        }
        return Long.parseLong(value);
    }
}
