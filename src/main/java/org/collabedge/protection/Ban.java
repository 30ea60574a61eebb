package org.collabedge.protection;

import java.io.Serializable;
import java.time.Instant;

/**
 * One banned source address, as kept in shared state: which category tripped, and from when until when. Only JDK
 * types inside, so every node can read it.
 *
 * @param address the address in literal form (no scope), also the entry's key
 */
public record Ban(String address, String category, long sinceMillis, long untilMillis) implements Serializable {

    public Instant since() {
        return Instant.ofEpochMilli(sinceMillis);
    }

    public Instant until() {
        return Instant.ofEpochMilli(untilMillis);
    }

    /** The failure category, or null when another node's newer version wrote one this node does not know. */
    public FailureCategory failureCategory() {
        for (FailureCategory c : FailureCategory.values()) {
            if (c.key().equals(category)) {
                return c;
            }
        }
        return null;
    }
}
