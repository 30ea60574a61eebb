package org.collabedge.testing.peers;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * stunnel 5 in client mode: a plain TCP port on 127.0.0.1 whose connections are carried over TLS to a target, so SIPp
 * (built without TLS) can reach the edge's SIP TLS listener. Verifies the target against a CA file and host name when
 * given one; otherwise it accepts any certificate, as a load generator may.
 */
public final class Stunnel implements AutoCloseable {

    public static final String BINARY = "/usr/bin/stunnel4";

    private final Process process;
    private final int port;
    private final Path log;

    private Stunnel(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * @param caFile    PEM of the CA (or self-signed certificate) to verify the target with, or null not to verify
     * @param checkHost the name the target's certificate must carry when verifying
     */
    public static Stunnel start(Path dir, String targetHost, int targetPort, Path caFile, String checkHost)
            throws IOException, InterruptedException {
        Peers.require(BINARY, "stunnel4");
        Files.createDirectories(dir);
        int port = Peers.freePort();
        Path log = dir.resolve("stunnel.log");
        StringBuilder conf = new StringBuilder()
                .append("foreground = yes\npid =\ndebug = 5\noutput = ").append(log).append('\n')
                .append("[sip-tls]\nclient = yes\n")
                .append("accept = 127.0.0.1:").append(port).append('\n')
                .append("connect = ").append(targetHost).append(':').append(targetPort).append('\n');
        if (caFile != null) {
            conf.append("verifyChain = yes\nCAfile = ").append(caFile).append('\n')
                    .append("checkHost = ").append(checkHost).append('\n')
                    .append("sni = ").append(checkHost).append('\n');
        } else {
            conf.append("verifyChain = no\n");
        }
        Path file = dir.resolve("stunnel.conf");
        Files.writeString(file, conf);
        Process p = new ProcessBuilder(BINARY, file.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stunnel.out").toFile()).start();
        Stunnel s = new Stunnel(p, port, log);
        try {
            s.awaitListening(Duration.ofSeconds(10));
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** The plain port to point SIPp at. */
    public int port() {
        return port;
    }

    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /**
     * Waits until stunnel holds its port. It is probed by trying to bind the port ourselves, not by connecting: a
     * probe connection would make stunnel open a TLS connection to the target, which a test target may count.
     */
    private void awaitListening(Duration limit) throws IOException, InterruptedException {
        Instant end = Instant.now().plus(limit);
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new IOException("stunnel exited with " + process.exitValue() + ": " + log());
            }
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(false);
                probe.bind(new InetSocketAddress(Peers.LOOPBACK, port));
            } catch (BindException held) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IOException("stunnel did not listen within " + limit + ": " + log());
    }

    @Override
    public void close() {
        Peers.stop(process, Duration.ofSeconds(3));
    }
}
