package org.collabedge.testing.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * baresip 1.0 as a real softphone: one account, a config dir of its own (PEERS.md's settings: loopback interface, a
 * sine-wave source, no sound card), driven over ctrl_tcp with netstring-framed JSON commands; its events (REGISTER_OK,
 * CALL_INCOMING, CALL_ESTABLISHED, CALL_CLOSED, ...) are read on a thread and can be awaited. The account is added
 * through the control connection once it is open, so its registration's events are never missed.
 */
public final class Baresip implements AutoCloseable {

    public static final String BINARY = "/usr/bin/baresip";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path dir;
    private final Socket control;
    private final OutputStream out;
    private final BlockingQueue<JsonNode> responses = new LinkedBlockingQueue<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokens = new AtomicInteger();
    private final Thread reader;

    private Baresip(Process process, Path dir, Socket control) throws IOException {
        this.process = process;
        this.dir = dir;
        this.control = control;
        this.out = control.getOutputStream();
        this.reader = new Thread(this::readLoop, "baresip-ctrl");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts baresip with one account.
     *
     * @param aor      the account, e.g. {@code sip:alice@example.com}
     * @param password digest password
     * @param outbound where to send requests, e.g. {@code sip:127.0.0.1:5060;transport=tcp}
     * @param extra    more account parameters (";regint=60"), may be empty
     */
    public static Baresip start(Path dir, String aor, String password, String outbound, String extra)
            throws IOException, InterruptedException {
        Peers.require(BINARY, "baresip");
        Files.createDirectories(dir);
        int sip = Peers.freePortPair(); // TLS listens on sip + 1
        int ctrl = Peers.freePort();
        int rtp = Peers.freePort() & ~1;
        Files.writeString(dir.resolve("config"), String.join("\n",
                "poll_method epoll",
                "sip_listen 127.0.0.1:" + sip,
                "net_interface 127.0.0.1",
                "dns_server 127.0.0.1:53",
                "audio_source ausine,440",
                "ausrc_srate 48000",
                "ausrc_channels 2",
                "audio_player aubridge,sink",
                "audio_alert aubridge,sink",
                "rtp_ports " + rtp + "-" + (rtp + 20),
                "sip_verify_server no",
                "module_path /usr/lib/baresip/modules",
                "module g711.so",
                "module ausine.so",
                "module aubridge.so",
                "module_app account.so",
                "module_app menu.so",
                "module_app ctrl_tcp.so",
                "ctrl_tcp_listen 127.0.0.1:" + ctrl,
                ""));
        // The account is added over ctrl_tcp (uanew), so its REGISTER_OK reaches the control connection.
        Files.writeString(dir.resolve("accounts"), "");
        String account = "<" + aor + ">;auth_pass=" + password + ";outbound=\"" + outbound
                + "\";answermode=manual" + extra;
        ProcessBuilder pb = new ProcessBuilder(BINARY, "-f", dir.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("baresip.log").toFile());
        pb.environment().put("HOME", dir.toString());
        Process p = pb.start();
        Instant end = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(end)) {
            if (!p.isAlive()) {
                throw new IOException("baresip exited with " + p.exitValue() + ": "
                        + Files.readString(dir.resolve("baresip.log")));
            }
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(Peers.LOOPBACK, ctrl), 200);
                Baresip b = new Baresip(p, dir, s);
                JsonNode added = b.command("uanew", account);
                if (!added.path("ok").asBoolean()) {
                    b.close();
                    throw new IOException("baresip refused the account: " + added);
                }
                return b;
            } catch (IOException notYet) {
                s.close();
                Thread.sleep(100);
            }
        }
        Peers.stop(p, Duration.ofSeconds(2));
        throw new IOException("baresip's ctrl_tcp did not open: " + Files.readString(dir.resolve("baresip.log")));
    }

    /** Runs one menu command (dial, hangup, accept, uanew, reginfo, ...) and returns its response. */
    public JsonNode command(String command, String params) throws IOException, InterruptedException {
        String token = String.valueOf(tokens.incrementAndGet());
        var node = JSON.createObjectNode().put("command", command).put("token", token);
        if (params != null) {
            node.put("params", params);
        }
        byte[] body = JSON.writeValueAsBytes(node);
        synchronized (out) {
            out.write((body.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.write(',');
            out.flush();
        }
        Instant end = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(end)) {
            JsonNode r = responses.poll(200, TimeUnit.MILLISECONDS);
            if (r != null && token.equals(r.path("token").asText())) {
                return r;
            }
        }
        throw new IOException("no response to " + command);
    }

    public void dial(String uri) throws IOException, InterruptedException {
        command("dial", uri);
    }

    public void accept() throws IOException, InterruptedException {
        command("accept", null);
    }

    public void hangup() throws IOException, InterruptedException {
        command("hangup", null);
    }

    /** Waits for an event of this type (REGISTER_OK, CALL_ESTABLISHED, ...) and returns it. */
    public JsonNode awaitEvent(String type, Duration limit) throws IOException, InterruptedException {
        Instant end = Instant.now().plus(limit);
        while (Instant.now().isBefore(end)) {
            for (JsonNode e : events) {
                if (type.equals(e.path("type").asText())) {
                    events.remove(e);
                    return e;
                }
            }
            Thread.sleep(50);
        }
        throw new IOException("no " + type + " event within " + limit + "; events: " + events + "\n" + log());
    }

    public List<JsonNode> events() {
        return List.copyOf(events);
    }

    public String log() throws IOException {
        return Files.readString(dir.resolve("baresip.log"));
    }

    private void readLoop() {
        try (InputStream in = control.getInputStream()) {
            while (true) {
                int length = 0;
                int c;
                while ((c = in.read()) != ':') {
                    if (c < 0) {
                        return;
                    }
                    length = length * 10 + (c - '0');
                }
                byte[] body = in.readNBytes(length);
                in.read(); // the netstring's trailing comma
                JsonNode msg = JSON.readTree(body);
                if (msg.path("event").asBoolean()) {
                    events.add(msg);
                } else if (msg.path("response").asBoolean()) {
                    responses.add(msg);
                }
            }
        } catch (IOException closed) {
            // baresip stopped or close() was called
        }
    }

    @Override
    public void close() throws IOException {
        control.close();
        Peers.stop(process, Duration.ofSeconds(3));
    }
}
