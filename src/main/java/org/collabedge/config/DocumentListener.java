package org.collabedge.config;

/**
 * A service that wants to hear of changes to one stored document. It applies what it can at once and says whether
 * anything waits for a restart, so the status page can tell the admin.
 */
@FunctionalInterface
public interface DocumentListener<T> {

    /** Returns null when everything was applied live, otherwise why a restart is needed. */
    String onChange(T before, T after);
}
