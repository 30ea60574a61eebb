package org.collabedge.config;

/**
 * A service that wants to hear of configuration changes. It applies what it can at once and says whether anything
 * waits for a restart, so the status page can tell the admin.
 */
@FunctionalInterface
public interface ConfigListener {

    /** Returns null when everything was applied live, otherwise why a restart is needed. */
    String onChange(EdgeConfig before, EdgeConfig after);
}
