package org.collabedge.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

import org.collabedge.host.UserDirectory;

/**
 * Users of the standalone host, in {@code <data>/users.properties}:
 * {@code user.<name>.password} (a {@link PasswordHasher} hash), optional {@code user.<name>.name} and
 * {@code user.<name>.email}. The file is re-read when it changes, so users added with the {@code user add} command
 * work without a restart.
 */
public final class FileUserDirectory implements UserDirectory {

    /** Openfire's node-prep rules are richer; this keeps names safe in URLs, SIP URIs and property keys. */
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final Path file;
    private Properties users = new Properties();
    private FileTime loadedAt;

    public FileUserDirectory(Path dataDirectory) {
        this.file = dataDirectory.resolve("users.properties");
    }

    public static boolean isValidUsername(String name) {
        return name != null && USERNAME.matcher(name).matches();
    }

    @Override
    public boolean authenticate(String username, char[] password) {
        if (!isValidUsername(username)) {
            return false;
        }
        return PasswordHasher.verify(password, current().getProperty("user." + username + ".password"));
    }

    @Override
    public Optional<DirectoryUser> lookup(String username) {
        if (!isValidUsername(username)) {
            return Optional.empty();
        }
        Properties p = current();
        if (p.getProperty("user." + username + ".password") == null) {
            return Optional.empty();
        }
        return Optional.of(new DirectoryUser(username, p.getProperty("user." + username + ".name", username),
                p.getProperty("user." + username + ".email")));
    }

    /** Adds or replaces a user; used by the command line and by tests. */
    public synchronized void put(String username, char[] password, String displayName, String email) {
        if (!isValidUsername(username)) {
            throw new IllegalArgumentException("user name must be 1-64 of a-z 0-9 . _ - and start with a letter or digit: "
                    + username);
        }
        Properties p = new Properties();
        p.putAll(current());
        p.setProperty("user." + username + ".password", PasswordHasher.hash(password));
        if (displayName != null) {
            p.setProperty("user." + username + ".name", displayName);
        }
        if (email != null) {
            p.setProperty("user." + username + ".email", email);
        }
        try (var w = new java.io.StringWriter()) {
            p.store(w, "Collaboration Edge standalone users");
            AtomicFiles.write(file, w.toString(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        loadedAt = null;
    }

    private synchronized Properties current() {
        try {
            if (!Files.exists(file)) {
                return new Properties();
            }
            FileTime modified = Files.getLastModifiedTime(file);
            if (!modified.equals(loadedAt)) {
                Properties fresh = new Properties();
                try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    fresh.load(in);
                }
                users = fresh;
                loadedAt = modified;
            }
            return users;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
