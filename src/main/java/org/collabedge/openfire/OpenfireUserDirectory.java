package org.collabedge.openfire;

import java.util.Optional;

import org.collabedge.host.UserDirectory;
import org.jivesoftware.openfire.auth.AuthFactory;
import org.jivesoftware.openfire.user.User;
import org.jivesoftware.openfire.user.UserManager;
import org.jivesoftware.openfire.user.UserNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Openfire's users: passwords checked by AuthFactory (whatever provider is configured), users from UserManager. */
final class OpenfireUserDirectory implements UserDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(OpenfireUserDirectory.class);

    @Override
    public boolean authenticate(String username, char[] password) {
        if (username == null || username.isEmpty() || password == null) {
            return false;
        }
        try {
            return AuthFactory.authenticate(username, new String(password)) != null;
        } catch (Exception e) {
            // UnauthorizedException for a wrong password or unknown user; ConnectionException and
            // InternalUnauthenticatedException when the provider is unavailable. None of them is a success.
            LOG.debug("Authentication of {} failed: {}", username, e.getClass().getSimpleName());
            return false;
        }
    }

    @Override
    public Optional<DirectoryUser> lookup(String username) {
        if (username == null || username.isEmpty()) {
            return Optional.empty();
        }
        try {
            User user = UserManager.getInstance().getUser(username);
            return Optional.of(new DirectoryUser(user.getUsername(), user.getName(), user.getEmail()));
        } catch (UserNotFoundException e) {
            return Optional.empty();
        }
    }
}
