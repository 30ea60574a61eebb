package org.collabedge.standalone;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.collabedge.host.SharedLock;

/** On a single node a cluster lock is an ordinary re-entrant lock. */
final class LocalLock implements SharedLock {

    private final ReentrantLock lock = new ReentrantLock();

    @Override
    public boolean tryLock(Duration timeout) throws InterruptedException {
        return lock.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void unlock() {
        lock.unlock();
    }
}
