package org.collabedge.protection;

import java.net.InetAddress;

/**
 * Where services report failures that intrusion protection counts. Cheap and non-blocking: called on the request
 * path of every listener.
 */
@FunctionalInterface
public interface SecurityEvents {

    /** Counts nothing: what services use while no protection service runs, and in unit tests. */
    SecurityEvents IGNORE = (category, source, user) -> { };

    /**
     * @param source the remote address the failure came from
     * @param user   the user named in the attempt, or null when none was
     */
    void failure(FailureCategory category, InetAddress source, String user);
}
