package org.collabedge.config;

import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Why a restart is needed before every change is in effect, gathered from all documents' listeners, so the status
 * page and the restart-pending metric have one place to look. Empty when everything is live.
 */
public final class RestartNotices {

    private final Set<String> reasons = new ConcurrentSkipListSet<>();

    public void add(String reason) {
        reasons.add(reason);
    }

    public Set<String> all() {
        return Set.copyOf(reasons);
    }
}
