package org.collabedge.testing.peers;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Kamailio 5.6 as the internal SIP server behind the edge: registrar with in-memory location and Path support (RFC
 * 3327), digest authentication (realm: the To domain for REGISTER, the From domain otherwise) against a fixed user
 * list, record-routing proxy that forks to every contact of a user. Listens on UDP and TCP of
 * one free port on 127.0.0.1, runs in the foreground ({@code -DD -E}) and is ready once it answers OPTIONS.
 *
 * <p>Passwords come from a generated {@code route[PASSWORD]} that sets {@code $var(pw)} for the digest user, checked by
 * the auth module's {@code pv_www_authenticate}/{@code pv_proxy_authenticate}: no database, no htable loading.
 */
public final class Kamailio implements AutoCloseable {

    public static final String BINARY = "/usr/sbin/kamailio";
    static final String MODULES = "/usr/lib/x86_64-linux-gnu/kamailio/modules";

    private final Path dir;
    private final int port;
    private final int tlsPort;
    private final Process process;
    private final Path log;

    private Kamailio(Path dir, int port, int tlsPort, Process process, Path log) {
        this.dir = dir;
        this.port = port;
        this.tlsPort = tlsPort;
        this.process = process;
        this.log = log;
    }

    /** What to start. */
    public static final class Builder {
        private final Map<String, String> users = new LinkedHashMap<>();
        private boolean authenticateCalls = true;
        private String certificatePem;
        private String keyPem;

        /** A user who may register (and call) with this password. */
        public Builder user(String name, String password) {
            if (!name.matches("[a-z0-9._-]+") || password.contains("\"") || password.contains("\\")) {
                throw new IllegalArgumentException("keep test users simple: " + name);
            }
            users.put(name, password);
            return this;
        }

        /** Whether INVITEs and other out-of-dialog requests must authenticate too (REGISTER always does). */
        public Builder authenticateCalls(boolean on) {
            authenticateCalls = on;
            return this;
        }

        /**
         * Also listen for SIP over TLS (kamailio-tls-modules) with this certificate and key (PEM); clients'
         * certificates are not asked for. Delivering calls to a TLS client needs that client's own certificate.
         */
        public Builder tls(String certificatePem, String keyPem) {
            this.certificatePem = certificatePem;
            this.keyPem = keyPem;
            return this;
        }

        public Kamailio start(Path dir) throws IOException, InterruptedException {
            Peers.require(BINARY, "kamailio");
            Files.createDirectories(dir);
            int port = Peers.freePort();
            int tlsPort = 0;
            String tls = "";
            if (certificatePem != null) {
                Peers.require(MODULES + "/tls.so", "kamailio-tls-modules");
                tlsPort = Peers.freePort();
                Files.writeString(dir.resolve("cert.pem"), certificatePem);
                Files.writeString(dir.resolve("key.pem"), keyPem);
                Files.writeString(dir.resolve("tls.cfg"), "[server:default]\nmethod = TLSv1.2+\n"
                        + "verify_certificate = no\nrequire_certificate = no\n"
                        + "private_key = " + dir.resolve("key.pem") + "\ncertificate = " + dir.resolve("cert.pem")
                        + "\n\n[client:default]\nmethod = TLSv1.2+\nverify_certificate = no\n"
                        + "require_certificate = no\n");
                tls = "enable_tls=yes\nlisten=tls:127.0.0.1:" + tlsPort + "\nloadmodule \"tls.so\"\n"
                        + "modparam(\"tls\", \"config\", \"" + dir.resolve("tls.cfg") + "\")\n";
            }
            Path cfg = dir.resolve("kamailio.cfg");
            Files.writeString(cfg, config(port, users, authenticateCalls).replace("#@TLS@\n", tls));
            Path log = dir.resolve("kamailio.log");
            Process p = new ProcessBuilder(BINARY, "-DD", "-E", "-f", cfg.toString(), "-Y", dir.toString(),
                    "-m", "32", "-M", "4").redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Kamailio k = new Kamailio(dir, port, tlsPort, p, log);
            try {
                k.awaitReady(Duration.ofSeconds(15));
            } catch (IOException | RuntimeException e) {
                k.close();
                throw e;
            }
            return k;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return port;
    }

    /** The SIP over TLS port, or 0 without {@link Builder#tls}. */
    public int tlsPort() {
        return tlsPort;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** What Kamailio printed (errors, xlog lines), for failing tests to show. */
    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    public Path directory() {
        return dir;
    }

    /** Sends OPTIONS over UDP and returns the status line of the answer, or null after the time-out. */
    public String options(Duration timeout) throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, Peers.LOOPBACK)) {
            s.setSoTimeout((int) timeout.toMillis());
            int local = s.getLocalPort();
            String msg = "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + local + ";branch=z9hG4bK" + UUID.randomUUID() + ";rport\r\n"
                    + "From: <sip:probe@127.0.0.1>;tag=" + UUID.randomUUID() + "\r\n"
                    + "To: <sip:127.0.0.1:" + port + ">\r\n"
                    + "Call-ID: " + UUID.randomUUID() + "\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n"
                    + "Content-Length: 0\r\n\r\n";
            byte[] bytes = msg.getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(bytes, bytes.length, Peers.LOOPBACK, port));
            byte[] buf = new byte[4096];
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            try {
                s.receive(in);
            } catch (SocketTimeoutException e) {
                return null;
            }
            String answer = new String(buf, 0, in.getLength(), StandardCharsets.US_ASCII);
            return answer.substring(0, Math.max(0, answer.indexOf("\r\n")));
        }
    }

    private void awaitReady(Duration limit) throws IOException, InterruptedException {
        Instant end = Instant.now().plus(limit);
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new IOException("kamailio exited with " + process.exitValue() + ":\n" + log());
            }
            String status = options(Duration.ofMillis(300));
            if (status != null && status.startsWith("SIP/2.0 200")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException("kamailio did not answer OPTIONS within " + limit + ":\n" + log());
    }

    @Override
    public void close() {
        Peers.stop(process, Duration.ofSeconds(5));
    }

    static String config(int port, Map<String, String> users, boolean authenticateCalls) {
        StringBuilder pw = new StringBuilder();
        users.forEach((u, p) -> pw.append("    if ($au == \"").append(u).append("\") { $var(pw) = \"").append(p)
                .append("\"; }\n"));
        return KamailioConfig.TEMPLATE
                .replace("@MODULES@", MODULES)
                .replace("@PORT@", String.valueOf(port))
                .replace("@PASSWORDS@", pw.toString())
                .replace("@AUTH_CALLS@", authenticateCalls ? "1" : "0");
    }
}
