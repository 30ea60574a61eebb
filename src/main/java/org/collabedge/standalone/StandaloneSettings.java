package org.collabedge.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.collabedge.config.HostNames;

/**
 * The standalone host's own settings, from {@code <data>/collabedge.properties} (written with defaults and comments
 * on first start). Edge configuration proper lives in the config store and is edited in the admin pages.
 *
 * @param adminPassword first admin password to set, or null to generate one
 */
public record StandaloneSettings(Path dataDirectory, String adminBind, int adminPort, String adminPassword,
                                 String nodeId, String publicHostName) {

    static final String FILE = "collabedge.properties";
    public static final int DEFAULT_ADMIN_PORT = 9190;

    private static final String TEMPLATE = """
            # Collaboration Edge standalone host settings. Edge configuration is edited in the admin pages.
            #
            # Address and port of the admin pages and /metrics. Keep it on loopback unless a firewall guards it.
            admin.bind=127.0.0.1
            admin.port=%d
            # Set to choose the first admin password; otherwise one is generated and printed once at first start.
            # It is hashed into admin.properties at start; remove it from here afterwards.
            #admin.password=
            # Name of this node, shown next to per-node state.
            #node.id=
            # Public host name used until one is set in Edge settings (and in the first self-signed certificate).
            #public.host.name=localhost
            """.formatted(DEFAULT_ADMIN_PORT);

    /** Reads the settings file, creating it with defaults first; a bad value is refused with what is wrong. */
    public static StandaloneSettings load(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE);
        Properties p = new Properties();
        try {
            Files.createDirectories(dataDirectory);
            if (!Files.exists(file)) {
                AtomicFiles.write(file, TEMPLATE, true);
            }
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String bind = p.getProperty("admin.bind", "127.0.0.1").trim();
        if (!HostNames.isIpLiteral(bind)) {
            throw new IllegalArgumentException(file + ": admin.bind must be an IP address, not '" + bind + "'");
        }
        int port = parsePort(file, "admin.port", p.getProperty("admin.port", String.valueOf(DEFAULT_ADMIN_PORT)));
        String password = blankToNull(p.getProperty("admin.password"));
        if (password != null && password.length() < 8) {
            throw new IllegalArgumentException(file + ": admin.password must have at least 8 characters");
        }
        String node = blankToNull(p.getProperty("node.id"));
        String publicName = blankToNull(p.getProperty("public.host.name"));
        if (publicName != null && !HostNames.isDnsName(publicName) && !HostNames.isIpLiteral(publicName)) {
            throw new IllegalArgumentException(file + ": public.host.name is not a host name or address: '"
                    + publicName + "'");
        }
        return new StandaloneSettings(dataDirectory, bind, port, password, node == null ? localNodeName() : node,
                publicName == null ? "localhost" : HostNames.normalise(publicName));
    }

    /** Same settings on another admin port (0 picks a free one); tests use it. */
    public StandaloneSettings withAdminPort(int port) {
        return new StandaloneSettings(dataDirectory, adminBind, port, adminPassword, nodeId, publicHostName);
    }

    private static int parsePort(Path file, String key, String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": " + key + " must be a port number 0-65535, not '"
                    + value + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String localNodeName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "standalone";
        }
    }
}
