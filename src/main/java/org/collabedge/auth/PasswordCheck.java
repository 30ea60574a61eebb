package org.collabedge.auth;

import org.collabedge.host.UserDirectory;

/**
 * Checks a user's directory password for edge services (HTTP Basic at the proxy, password sign-in). The identity
 * service supplies one that caches successful checks; until then the directory is asked every time.
 */
@FunctionalInterface
public interface PasswordCheck {

    boolean check(String user, char[] password);

    /** Asks the directory every time. */
    static PasswordCheck direct(UserDirectory directory) {
        return directory::authenticate;
    }
}
