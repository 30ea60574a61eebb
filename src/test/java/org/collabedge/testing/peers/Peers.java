package org.collabedge.testing.peers;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What every real-peer fixture needs: the peer's binary (a test skips when it is missing, but fails on CI, which must
 * install it through .ci/run), free loopback ports, and stopping a peer process with its children.
 */
public final class Peers {

    public static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private Peers() {
    }

    /** The binary's (or a peer's module's) path; skips the calling test without it, or fails it on CI. */
    public static Path require(String binary, String debianPackage) {
        Path p = Path.of(binary);
        boolean present = binary.endsWith(".so") ? Files.isReadable(p) : Files.isExecutable(p);
        if (System.getenv("CI") != null) {
            assertTrue(present, binary + " missing: CI must install " + debianPackage + " (see .ci/run)");
        }
        assumeTrue(present, binary + " not installed (Debian package " + debianPackage + ")");
        return p;
    }

    /** A loopback port free for both TCP and UDP right now (another process may still take it later). */
    public static int freePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, LOOPBACK)) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(port, LOOPBACK)) {
                    return port;
                } catch (IOException taken) {
                    // UDP side in use: try another
                }
            }
        }
        throw new IOException("no free loopback port for both TCP and UDP");
    }

    /** Two consecutive free ports (baresip puts SIP over TLS on its SIP port + 1). */
    public static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = freePort();
            if (port < 65535) {
                try (ServerSocket next = new ServerSocket(port + 1, 1, LOOPBACK);
                     DatagramSocket nextUdp = new DatagramSocket(port + 1, LOOPBACK)) {
                    return port;
                } catch (IOException taken) {
                    // try another pair
                }
            }
        }
        throw new IOException("no two consecutive free loopback ports");
    }

    /** Terminates a peer and everything it forked, politely first. */
    public static void stop(Process process, Duration grace) {
        if (process == null) {
            return;
        }
        var children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.forEach(c -> {
            if (c.isAlive()) {
                c.destroyForcibly();
            }
        });
    }
}
