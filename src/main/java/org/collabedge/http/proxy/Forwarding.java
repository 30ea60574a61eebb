package org.collabedge.http.proxy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.collabedge.http.ProxyLimits;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.RetainableByteBuffer;
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
 * let an {@link AnswerParser} relay the answer to the client with back-pressure, then give the link back once both
 * the request is written and the answer complete. A pooled link the backend
 * had closed gets one fresh retry when nothing depends on it (no body, no answer byte yet). Failures before the
 * answer is committed become 502/503/504; later ones abort the client connection.
 */
final class Forwarding implements BackendLink.Reader, RequestBodyPump.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(Forwarding.class);

    /** What the client got, for the metrics. */
    interface Done {
        void completed(String outcome, int status, long headNanos);
    }

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
    private volatile BackendLink link;
    private AnswerParser answer;
    private volatile int attempt;
    private boolean answerStarted;
    private volatile boolean reuse;
    /** The whole request (head and body) has been written to the backend. */
    private volatile boolean requestSent;
    /** Request sent and answer complete: the two things that must happen before the link is released. */
    private final AtomicInteger sides = new AtomicInteger(2);

    Forwarding(BackendLeg leg, Request request, Response response, Callback callback, ProxyExchange.Context ctx,
               ByteBuffer head, Content.Chunk firstPiece, boolean hasBody, boolean chunkedBody, boolean upgrade,
               Done done) {
        this.leg = leg;
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.ctx = ctx;
        this.head = head;
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
        if (finished.get()) {
            // The exchange already ended (total time-out while it waited in line or connected): the link is unused
            // and goes back; sending on it would write to a finished response and keep the link for ever.
            leg.release(acquired, true);
            return;
        }
        try {
            sendOn(acquired);
        } catch (RuntimeException e) {
            // Never thrown back to the handler: this exchange owns the callback from start() on.
            fail(e);
        }
    }

    private void sendOn(BackendLink acquired) {
        link = acquired;
        answer = acquired.answerParser();
        answer.begin(response, request.getMethod().equals("HEAD"), upgrade, ctx.locationRewriter(),
                Callback.from(acquired::resume, this::fail));
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
        requestSent = true;
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
        return next(answer.parse(in));
    }

    @Override
    public void onEof() {
        if (!answerStarted) {
            fail(new EOFException("backend closed the connection"));
            return;
        }
        next(answer.atEof());
    }

    private Next next(AnswerParser.Step step) {
        switch (step) {
            case BROKEN -> fail(answer.broken());
            case UPGRADED -> switchProtocols();
            case COMPLETE -> finish();
            case WAIT -> {
                return Next.WAIT;
            }
            default -> {
                return Next.MORE;
            }
        }
        return Next.DONE;
    }

    @Override
    public void onFailure(Throwable cause) {
        fail(cause);
    }

    // ---- endings

    private void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        cancelDeadline();
        // A backend that answered (say 401 or 413) before it had the whole request body may never read the rest:
        // on a pooled link those bytes would be taken as the next request's. So such a link is closed, not reused;
        // closing it also stops the body still being streamed to it.
        boolean earlyAnswer = hasBody && !requestSent;
        reuse = answer.reusable() && !earlyAnswer;
        long headNanos = headNanos();
        int status = response.getStatus();
        // Taken before the link is released: the next exchange on it must not see this body.
        RetainableByteBuffer body = answer.takeLastPiece();
        if (earlyAnswer) {
            BackendLink l = link;
            l.detachReader(this);
            l.close();
        } else {
            releaseWhenBothDone();
        }
        response.write(true, body == null ? BufferUtil.EMPTY_BUFFER : body.getByteBuffer(), Callback.from(() -> {
            release(body);
            done.completed("forwarded", status, headNanos);
            callback.succeeded();
        }, cause -> {
            release(body);
            done.completed("aborted", 0, headNanos);
            callback.failed(cause);
        }));
    }

    private void switchProtocols() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        cancelDeadline();
        response.setStatus(101);
        answer.copyUpgradeHead(response.getHeaders());
        var connection = request.getConnectionMetaData().getConnection();
        WebSocketTunnel tunnel = new WebSocketTunnel(connection.getEndPoint(),
                request.getConnectionMetaData().getConnector().getExecutor(), link);
        request.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, tunnel);
        done.completed("websocket", 101, headNanos());
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
            done.completed("aborted", 0, headNanos());
            callback.failed(cause);
            return;
        }
        int code = BackendFailures.status(cause);
        String message = BackendFailures.message(code);
        response.reset();
        done.completed(code == 413 ? "refused" : "backend_error", code, headNanos());
        ProxyHandler.refuse(response, code, message, callback);
    }

    private static void release(RetainableByteBuffer body) {
        if (body != null) {
            body.release();
        }
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel();
        }
    }

    /** Time from the start to the answer's head, 0 when none came. */
    private long headNanos() {
        AnswerParser a = answer;
        return a == null || a.headAt() == 0 ? 0 : a.headAt() - start;
    }
}
