package org.collabedge.http.proxy;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;

/**
 * One non-blocking connection to a backend (plain or under a jetty-io {@code SslConnection}). Bytes it reads go to
 * the {@link Reader} using it for the moment: a response being parsed, or a WebSocket tunnel. A reader that has to
 * wait for the client (a write in flight) pauses the link, so nothing more is read from the backend until the
 * client took what it was given: that is the back-pressure. While pooled it has no reader and any byte or EOF from
 * the backend retires it at once.
 */
final class BackendLink extends AbstractConnection {

    /** What the link's bytes are for right now. */
    interface Reader {
        enum Next { MORE, WAIT, DONE }

        /**
         * Takes what it can from {@code in}. MORE: read on; WAIT: a write is in flight and the reader calls
         * {@link BackendLink#resume()} once it completed; DONE: the reader is finished and the link is not touched
         * any more by this loop.
         */
        Next onBytes(ByteBuffer in) throws Exception;

        /** The backend closed its side. */
        void onEof();

        /** Reading failed, the link timed out or it was closed underneath the reader. */
        void onFailure(Throwable cause);
    }

    private static final int RUNNING = 0;
    private static final int WAITING = 1;
    private static final int PAUSED = 2;

    private final BackendPool pool;
    private final ByteBuffer in = BufferUtil.allocate(16 * 1024);
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private volatile Reader reader;
    private volatile long idleSince;
    private boolean reused;
    private int served;
    private AnswerParser answers;

    BackendLink(EndPoint endPoint, Executor executor, BackendPool pool) {
        super(endPoint, executor);
        this.pool = pool;
    }

    @Override
    public InvocationType getInvocationType() {
        // Everything done on fill is non-blocking (parsing, async writes to the client), so the selector runs it.
        return InvocationType.NON_BLOCKING;
    }

    BackendPool pool() {
        return pool;
    }

    /** The link's one answer parser, reused for every exchange on it (one exchange at a time). */
    AnswerParser answerParser() {
        if (answers == null) {
            answers = new AnswerParser();
        }
        return answers;
    }

    /**
     * Hands the link to a reader and starts reading (bytes already buffered, such as a WebSocket's first frames
     * behind a 101, are handed over first).
     */
    void attach(Reader r) {
        reused = served++ > 0;
        state.set(RUNNING);
        reader = r;
        if (in.hasRemaining()) {
            getExecutor().execute(() -> loop(false));
        } else if (!isFillInterested()) {
            // A pooled link is already waiting for bytes (to notice a close): that interest now serves the reader.
            fillInterested();
        }
    }

    /** The reader gives the link up (it failed and closes it): the close must not be reported back to it. */
    void detachReader(Reader r) {
        if (reader == r) {
            reader = null;
        }
    }

    /** Bytes already read that the next reader (a WebSocket tunnel after 101) must see first. */
    boolean hasBuffered() {
        return in.hasRemaining();
    }

    boolean reused() {
        return reused;
    }

    /** Back to the pool: no reader; a close or stray byte from the backend now retires the link. */
    void detach() {
        reader = null;
        if (answers != null) {
            answers.end();
        }
        idleSince = System.nanoTime();
        BufferUtil.clear(in);
        if (!isFillInterested()) {
            fillInterested();
        }
    }

    long idleSince() {
        return idleSince;
    }

    /** Called by a reader whose write to the client completed after it answered WAIT. */
    void resume() {
        if (!state.compareAndSet(WAITING, RUNNING)) {
            // The loop had already left: continue it here.
            state.set(RUNNING);
            loop(true);
        }
    }

    @Override
    public void onFillable() {
        loop(false);
    }

    /**
     * @param afterWrite the reader is asked once even with nothing buffered: a parser paused on its last piece of
     *                   body still has to tell that the message is complete
     */
    private void loop(boolean afterWrite) {
        Reader r = reader;
        if (r == null) {
            if (!getEndPoint().isOpen()) {
                return;
            }
            // Pooled and idle: the backend closed or sent bytes nobody asked for; either way the link is done.
            close();
            return;
        }
        try {
            boolean ask = afterWrite;
            while (true) {
                if (in.hasRemaining() || ask) {
                    ask = false;
                    state.set(WAITING);
                    Reader.Next next = r.onBytes(in);
                    if (next == Reader.Next.DONE) {
                        return;
                    }
                    if (next == Reader.Next.WAIT) {
                        if (state.compareAndSet(WAITING, PAUSED)) {
                            return;
                        }
                        ask = true; // the write completed while we were still here
                        continue;
                    }
                    state.set(RUNNING);
                    if (in.hasRemaining()) {
                        continue;
                    }
                }
                BufferUtil.clear(in);
                int n = getEndPoint().fill(in);
                if (n < 0) {
                    r.onEof();
                    return;
                }
                if (n == 0) {
                    fillInterested();
                    return;
                }
            }
        } catch (Throwable e) {
            r.onFailure(e);
        }
    }

    @Override
    public boolean onIdleExpired(TimeoutException timeout) {
        Reader r = reader;
        if (r != null) {
            r.onFailure(timeout);
        }
        return true;
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        pool.closed(this);
        Reader r = reader;
        if (r != null) {
            r.onFailure(cause != null ? cause : new EOFException("backend connection closed"));
        }
    }
}
