package org.collabedge.http.proxy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The connections to one backend (scheme, resolved address, port, host name): at most {@code max} open at a time,
 * idle keep-alive ones reused most recent first. A request that finds none free and the limit reached waits in line
 * for a released one, at most the connect time-out, then fails with {@link Exhausted} (503).
 */
final class BackendPool {

    /** No connection became free in time. */
    static final class Exhausted extends Exception {
        Exhausted() {
            super("backend connection limit reached");
        }
    }

    private record Waiter(Promise<BackendLink> promise, Scheduler.Task timeout) {
    }

    private final Deque<BackendLink> idle = new ArrayDeque<>();
    private final Deque<Waiter> waiters = new ArrayDeque<>();
    private final Consumer<Promise<BackendLink>> opener;
    private int open;
    private boolean closed;

    /** @param opener connects a new link for this backend and completes the promise with it */
    BackendPool(Consumer<Promise<BackendLink>> opener) {
        this.opener = opener;
    }

    /** Completes {@code promise} with an idle link (reused = true), a new one, or a failure. */
    void acquire(Promise<BackendLink> promise, int max, long idleNanos, long waitMillis, Scheduler scheduler) {
        BackendLink reuse = null;
        boolean connect = false;
        synchronized (this) {
            long now = System.nanoTime();
            for (BackendLink l; reuse == null && (l = idle.pollFirst()) != null; ) {
                if (now - l.idleSince() < idleNanos && l.getEndPoint().isOpen()) {
                    reuse = l;
                } else {
                    l.close(); // closed() will count it down
                }
            }
            if (reuse == null) {
                if (closed) {
                    promise.failed(new IllegalStateException("HTTPS edge stopping"));
                    return;
                }
                if (open < max) {
                    open++;
                    connect = true;
                } else {
                    Waiter[] self = new Waiter[1];
                    Scheduler.Task task = scheduler.schedule(() -> expire(self[0]), waitMillis, TimeUnit.MILLISECONDS);
                    self[0] = new Waiter(promise, task);
                    waiters.addLast(self[0]);
                    return;
                }
            }
        }
        if (connect) {
            opener.accept(new Promise<>() {
                @Override
                public void succeeded(BackendLink link) {
                    promise.succeeded(link);
                }

                @Override
                public void failed(Throwable cause) {
                    connectFailed();
                    promise.failed(cause);
                }
            });
        } else {
            promise.succeeded(reuse);
        }
    }

    /** A link whose exchange ended cleanly: to the first waiter, else to the idle list. */
    void release(BackendLink link, int maxIdle) {
        Waiter next;
        synchronized (this) {
            next = waiters.pollFirst();
            if (next == null) {
                if (closed || idle.size() >= maxIdle) {
                    link.close();
                    return;
                }
                link.detach();
                idle.addFirst(link);
                return;
            }
        }
        next.timeout().cancel();
        next.promise().succeeded(link);
    }

    /** Called when any link of this pool closed (by either side): frees its place for a waiter. */
    void closed(BackendLink link) {
        Waiter next;
        synchronized (this) {
            idle.remove(link);
            open--;
            next = closed ? null : waiters.pollFirst();
            if (next != null) {
                open++;
            }
        }
        if (next != null) {
            next.timeout().cancel();
            Waiter w = next;
            opener.accept(Promise.from(w.promise()::succeeded, cause -> {
                connectFailed();
                w.promise().failed(cause);
            }));
        }
    }

    private synchronized void connectFailed() {
        open--;
    }

    private void expire(Waiter waiter) {
        synchronized (this) {
            if (!waiters.remove(waiter)) {
                return;
            }
        }
        waiter.promise().failed(new Exhausted());
    }

    /** Closes the idle links and refuses the waiting requests; busy links close as their exchanges end. */
    void close() {
        Deque<BackendLink> links;
        Deque<Waiter> waiting;
        synchronized (this) {
            closed = true;
            links = new ArrayDeque<>(idle);
            idle.clear();
            waiting = new ArrayDeque<>(waiters);
            waiters.clear();
        }
        links.forEach(BackendLink::close);
        waiting.forEach(w -> {
            w.timeout().cancel();
            w.promise().failed(new IllegalStateException("HTTPS edge stopping"));
        });
    }

    synchronized int openCount() {
        return open;
    }
}
