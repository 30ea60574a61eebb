package org.collabedge.host;

import java.time.Duration;

/** A lock held across all nodes, for the rare read-modify-write that counters and putIfAbsent do not cover. */
public interface SharedLock {

    /** Waits up to {@code timeout} for the lock; true when it is now held by the calling thread. */
    boolean tryLock(Duration timeout) throws InterruptedException;

    void unlock();
}
