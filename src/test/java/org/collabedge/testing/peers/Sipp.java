package org.collabedge.testing.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * SIPp 3.6 (Debian's sip-tester, built without TLS) running one scenario against a target: scenario XML and an
 * injection CSV written to a temp dir, a bounded number of calls, and the outcome read back as the exit code and the
 * statistics CSV. For TLS targets put a {@link Stunnel} in front.
 */
public final class Sipp {

    public static final String BINARY = "/usr/bin/sipp";

    /** SIPp transports: UDP, TCP with one connection, TCP with one connection per call. */
    public enum Transport {
        UDP("u1"), TCP_ONE_CONNECTION("t1"), TCP_CONNECTION_PER_CALL("tn");

        final String flag;

        Transport(String flag) {
            this.flag = flag;
        }
    }

    /**
     * @param exitCode   0 when every call succeeded, 1 when some failed, higher for SIPp errors
     * @param successful calls that reached the end of the scenario
     * @param failed     calls that failed
     * @param elapsed    wall time of the run
     * @param output     what SIPp printed (screen and errors)
     */
    public record Result(int exitCode, long successful, long failed, Duration elapsed, String output) {
        public double callsPerSecond() {
            return elapsed.toMillis() == 0 ? 0 : successful * 1000.0 / elapsed.toMillis();
        }
    }

    private final Path dir;
    private final String scenarioXml;
    private final List<String> csvLines = new ArrayList<>();
    private Transport transport = Transport.UDP;
    private int calls = 1;
    private int rate = 10;
    private int concurrent = 0;
    private Duration timeout = Duration.ofSeconds(30);

    public Sipp(Path dir, String scenarioXml) {
        this.dir = dir;
        this.scenarioXml = scenarioXml;
    }

    /** Injection lines, {@code ;}-separated fields; SIPp reads them in order ("SEQUENTIAL"). */
    public Sipp csv(List<String> lines) {
        csvLines.addAll(lines);
        return this;
    }

    public Sipp transport(Transport t) {
        this.transport = t;
        return this;
    }

    /** Total calls (scenario runs), new calls per second, and at most this many at once (0: no limit). */
    public Sipp calls(int total, int perSecond, int maxConcurrent) {
        this.calls = total;
        this.rate = perSecond;
        this.concurrent = maxConcurrent;
        return this;
    }

    public Sipp timeout(Duration t) {
        this.timeout = t;
        return this;
    }

    /** Runs the scenario against host:port and waits for SIPp to finish (killed after the time-out). */
    public Result run(String host, int port) throws IOException, InterruptedException {
        Peers.require(BINARY, "sip-tester");
        Files.createDirectories(dir);
        Path scenario = dir.resolve("scenario.xml");
        Files.writeString(scenario, scenarioXml);
        List<String> cmd = new ArrayList<>(List.of(BINARY, host + ":" + port, "-sf", scenario.toString(),
                "-t", transport.flag, "-i", "127.0.0.1", "-p", String.valueOf(Peers.freePort()),
                "-m", String.valueOf(calls), "-r", String.valueOf(rate), "-nostdin",
                "-timeout", timeout.toSeconds() + "s", "-timeout_error", "-max_socket", "4000",
                "-trace_stat", "-stf", dir.resolve("stats.csv").toString(), "-fd", "1",
                "-trace_err", "-error_file", dir.resolve("errors.log").toString()));
        if (!csvLines.isEmpty()) {
            Path csv = dir.resolve("injection.csv");
            Files.writeString(csv, "SEQUENTIAL\n" + String.join("\n", csvLines) + "\n");
            cmd.addAll(List.of("-inf", csv.toString()));
        }
        if (concurrent > 0) {
            cmd.addAll(List.of("-l", String.valueOf(concurrent)));
        }
        Path out = dir.resolve("sipp.out");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(timeout.toSeconds() + 15, TimeUnit.SECONDS)) {
            Peers.stop(p, Duration.ofSeconds(2));
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Map<String, String> last = lastStats(dir.resolve("stats.csv"));
        String output = Files.readString(out) + (Files.exists(dir.resolve("errors.log"))
                ? "\n" + Files.readString(dir.resolve("errors.log")) : "");
        return new Result(p.exitValue(), number(last.get("SuccessfulCall(C)")), number(last.get("FailedCall(C)")),
                elapsed, output);
    }

    /** The last row of SIPp's statistics file, by column name. */
    static Map<String, String> lastStats(Path stats) throws IOException {
        if (!Files.exists(stats)) {
            return Map.of();
        }
        List<String> lines;
        try (Stream<String> s = Files.lines(stats)) {
            lines = s.filter(l -> !l.isBlank()).toList();
        }
        if (lines.size() < 2) {
            return Map.of();
        }
        String[] head = lines.get(0).split(";", -1);
        String[] row = lines.get(lines.size() - 1).split(";", -1);
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < Math.min(head.length, row.length); i++) {
            m.put(head[i].trim(), row[i].trim());
        }
        return m;
    }

    private static long number(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Users for the digest REGISTER scenario: {@code user;[authentication username=.. password=..]}. */
    public static List<String> registerCsv(Map<String, String> users) {
        return users.entrySet().stream().map(e -> e.getKey() + ";[authentication username=" + e.getKey()
                + " password=" + e.getValue() + "]").collect(Collectors.toList());
    }

    /** A REGISTER answered by a digest challenge, then the authenticated REGISTER (field0 user, field1 auth). */
    public static String registerScenario(String domain, int expires) {
        return SippScenarios.register(domain, expires);
    }
}
