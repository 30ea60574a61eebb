package org.collabedge.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Openfire hot-deploys plugins, so the edge must start and stop many times in one JVM and leave nothing behind:
 * no thread, no listening socket.
 */
class StartStopLeakTest {

    @TempDir
    Path data;

    @Test
    void twentyStartStopCyclesLeaveNoThreadOrPortBehind() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // a fixed port, so every cycle must free it for the next
        }
        java.nio.file.Files.writeString(data.resolve(StandaloneSettings.FILE),
                "admin.port=" + port + "\nadmin.password=leak-test-password\n");
        StandaloneSettings settings = StandaloneSettings.load(data);
        Set<String> before = liveThreadNames();

        for (int i = 0; i < 20; i++) {
            StandaloneHost host = new StandaloneHost(settings, java.time.Clock.systemUTC());
            host.start();
            assertEquals(port, host.adminPort());
            assertTrue(host.core().isRunning());
            host.stop();
        }

        Set<String> leaked = waitForThreadsToSettle(before);
        assertTrue(leaked.isEmpty(), "threads left behind: " + leaked);
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort(), "the admin port is free again");
        }
    }

    private static Set<String> waitForThreadsToSettle(Set<String> before) throws InterruptedException {
        Set<String> extra = Set.of();
        for (int attempt = 0; attempt < 50; attempt++) { // bounded: at most 5 s
            extra = liveThreadNames().stream().filter(n -> !before.contains(n)).collect(Collectors.toSet());
            if (extra.isEmpty()) {
                return extra;
            }
            Thread.sleep(100);
        }
        return extra;
    }

    /** Threads this product could have started (ours, Jetty's, the JDK HTTP client's are not used here). */
    private static Set<String> liveThreadNames() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> !n.startsWith("ForkJoinPool.commonPool") && !n.equals("Attach Listener")
                        && !n.startsWith("surefire") && !n.equals("process reaper"))
                .collect(Collectors.toSet());
    }
}
