package org.collabedge.standalone;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar collabedge-standalone.jar [--data DIR] [--admin-port N]} runs the edge on this machine.
 * {@code ... user add NAME} adds a user to the standalone user file (password read from the console or stdin).
 */
public final class StandaloneMain {

    private StandaloneMain() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of("collabedge-data");
        Integer adminPort = null;
        int i = 0;
        for (; i < args.length && args[i].startsWith("--"); i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(value(args, ++i, "--data"));
                case "--admin-port" -> adminPort = Integer.valueOf(value(args, ++i, "--admin-port"));
                case "--help" -> {
                    usage();
                    return;
                }
                default -> fail("unknown option " + args[i]);
            }
        }
        StandaloneSettings settings = StandaloneSettings.load(data);
        if (adminPort != null) {
            settings = settings.withAdminPort(adminPort);
        }
        if (i < args.length) {
            command(settings, args, i);
            return;
        }
        StandaloneHost host = new StandaloneHost(settings, Clock.systemUTC());
        host.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            host.stop();
            stopped.countDown();
        }, "collabedge-shutdown"));
        printBanner(host, settings);
        stopped.await();
    }

    private static void printBanner(StandaloneHost host, StandaloneSettings settings) {
        var edge = host.core().config().current().settings();
        StringBuilder b = new StringBuilder();
        b.append("\nCollaboration Edge (standalone) is running\n");
        b.append("  data directory : ").append(settings.dataDirectory().toAbsolutePath()).append('\n');
        b.append("  admin pages    : ").append(host.adminUrl()).append("  (user ").append(AdminCredentials.USERNAME)
                .append(")\n");
        b.append("  metrics        : ").append(host.adminUrl()).append("metrics\n");
        b.append("  public name    : ").append(edge.publicHostName()).append('\n');
        b.append("  SIP TLS        : ").append(edge.sipTlsEnabled() ? edge.listenAddress() + ":" + edge.sipTlsPort()
                : "off").append(" (configured; the SIP service arrives with its own release)\n");
        b.append("  HTTPS edge     : ").append(edge.listenAddress()).append(':').append(edge.httpsPort())
                .append(" (configured)\n");
        if (host.generatedAdminPassword() != null) {
            b.append("\n  First admin password (shown once; to change it set admin.password in collabedge.properties): ")
                    .append(host.generatedAdminPassword()).append('\n');
        }
        System.out.println(b);
    }

    private static void command(StandaloneSettings settings, String[] args, int i) throws Exception {
        if (args.length - i == 3 && "user".equals(args[i]) && "add".equals(args[i + 1])) {
            String name = args[i + 2];
            char[] password = readPassword("Password for " + name + ": ");
            if (password.length < 8) {
                fail("password must have at least 8 characters");
            }
            new FileUserDirectory(settings.dataDirectory()).put(name, password, null, null);
            PasswordHasher.wipe(password);
            System.out.println("user " + name + " saved in " + settings.dataDirectory().resolve("users.properties"));
            return;
        }
        fail("unknown command: " + String.join(" ", java.util.Arrays.copyOfRange(args, i, args.length)));
    }

    private static char[] readPassword(String prompt) throws Exception {
        Console console = System.console();
        if (console != null) {
            char[] p = console.readPassword(prompt);
            return p == null ? new char[0] : p;
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? new char[0] : line.toCharArray();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            fail(option + " needs a value");
        }
        return args[i];
    }

    private static void usage() {
        System.out.println("""
                usage: java -jar collabedge-standalone.jar [--data DIR] [--admin-port N]
                       java -jar collabedge-standalone.jar [--data DIR] user add NAME
                """);
    }

    private static void fail(String message) {
        System.err.println("collabedge: " + message);
        usage();
        System.exit(2);
    }
}
