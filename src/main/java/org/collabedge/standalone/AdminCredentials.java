package org.collabedge.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The standalone admin account, its password hashed in {@code <data>/admin.properties}. On first start the password
 * comes from the settings file or is generated; only a generated one is handed back, to be printed once.
 */
public final class AdminCredentials {

    public static final String USERNAME = "admin";

    private final Path file;
    private volatile String hash;

    private AdminCredentials(Path file, String hash) {
        this.file = file;
        this.hash = hash;
    }

    /** What {@link #initialise} found or made. */
    public record Initialised(AdminCredentials credentials, String generatedPassword) {
    }

    public static Initialised initialise(Path dataDirectory, String configuredPassword) {
        Path file = dataDirectory.resolve("admin.properties");
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        String stored = p.getProperty("admin.password.hash");
        if (configuredPassword != null && !PasswordHasher.verify(configuredPassword.toCharArray(), stored)) {
            AdminCredentials c = new AdminCredentials(file, null);
            c.setPassword(configuredPassword.toCharArray());
            return new Initialised(c, null);
        }
        if (stored != null) {
            return new Initialised(new AdminCredentials(file, stored), null);
        }
        String generated = PasswordHasher.randomPassword();
        AdminCredentials c = new AdminCredentials(file, null);
        c.setPassword(generated.toCharArray());
        return new Initialised(c, generated);
    }

    public boolean check(String username, char[] password) {
        boolean ok = PasswordHasher.verify(password, hash);
        return USERNAME.equals(username) && ok; // hash first either way: no timing hint about the name
    }

    public void setPassword(char[] password) {
        String h = PasswordHasher.hash(password);
        Properties p = new Properties();
        p.setProperty("admin.password.hash", h);
        try (var w = new java.io.StringWriter()) {
            p.store(w, "Collaboration Edge standalone admin (password hash only)");
            AtomicFiles.write(file, w.toString(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        hash = h;
    }
}
