package org.collabedge.host;

import java.util.Optional;

/**
 * The host's user accounts: Openfire's AuthFactory/UserManager, or the standalone host's user file.
 * Core services never see how users are stored.
 */
public interface UserDirectory {

    /** True when the password is right for this user; false for a wrong password or an unknown user. */
    boolean authenticate(String username, char[] password);

    /** The user, when the directory knows one by this name. */
    Optional<DirectoryUser> lookup(String username);

    /** What the edge needs to know of a directory user. */
    record DirectoryUser(String username, String displayName, String email) {
    }
}
