package bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Benchmark only: holds N TLS registrations on the edge from one thread (NIO + SSLEngine). Connection i comes from
 * 127.0.0.(2 + i / perSource) so that no source address runs out of ephemeral ports, registers users
 * user(i*K+1)..user(i*K+K) of the edge-owned domain one after the other, each with MD5 digest (REGISTER, 401,
 * REGISTER with Authorization, 200) and its own Call-ID and contact, as a SIP proxy or SBC in front of the edge sends
 * many users' registrations over one connection (K = 1 by default: one user per connection, as a phone does). Then it
 * keeps the connection with a CRLF keep-alive (RFC 5626) every 25 s. Prints "registered R of N over C connections in
 * S s" once every connection has finished, then "holding" and keeps going for the hold time.
 *
 * Args: [--per-connection K] host port connections domain holdSeconds [inFlight] [perSource]
 */
public final class TlsRegistrationsClient {

    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"?([^\",]*)\"?");
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final long KEEPALIVE_MS = 25_000;

    private final String host;
    private final int port;
    private final String domain;
    private final SSLContext tls;
    private final Selector selector;
    private final int perConnection;
    private int registered;
    private int failed;
    private int finished;

    private TlsRegistrationsClient(String host, int port, String domain, int perConnection) throws Exception {
        this.perConnection = perConnection;
        this.host = host;
        this.port = port;
        this.domain = domain;
        this.tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        this.selector = Selector.open();
    }

    public static void main(String[] options) throws Exception {
        int perConnection = 1;
        String[] args = options;
        if (options.length > 1 && options[0].equals("--per-connection")) {
            perConnection = Integer.parseInt(options[1]);
            args = java.util.Arrays.copyOfRange(options, 2, options.length);
        }
        if (perConnection < 1) {
            throw new IllegalArgumentException("--per-connection must be at least 1: " + perConnection);
        }
        int n = Integer.parseInt(args[2]);
        long holdMs = Long.parseLong(args[4]) * 1000;
        int inFlight = args.length > 5 ? Integer.parseInt(args[5]) : 200;
        int perSource = args.length > 6 ? Integer.parseInt(args[6]) : 20_000;
        new TlsRegistrationsClient(args[0], Integer.parseInt(args[1]), args[3], perConnection).run(n, inFlight, perSource, holdMs);
    }

    private final class Conn {
        final int index;
        final SocketChannel channel;
        final SSLEngine engine;
        ByteBuffer netIn;
        ByteBuffer appIn;
        ByteBuffer pendingOut;
        final StringBuilder text = new StringBuilder();
        boolean handshook;
        boolean done;
        /** Which of this connection's K users registers now (0..K-1); K when all have finished. */
        int current;

        Conn(int index, SocketChannel channel) {
            this.index = index;
            this.channel = channel;
            this.engine = tls.createSSLEngine(host, port);
            engine.setUseClientMode(true);
            netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        }

        /** The user registering now: 0-based over all connections. */
        int userIndex() {
            return index * perConnection + current;
        }

        String user() {
            return String.format("user%04d", userIndex() + 1);
        }

        /** The current user's registration ended (200 or refused): the next user's starts, or the connection is done. */
        void next() throws Exception {
            if (++current == perConnection) {
                done = true;
                finished++;
            } else {
                register(null);
            }
        }

        /** The connection failed: its current and remaining users did not register. */
        void fail() {
            failed += perConnection - current;
            current = perConnection;
            done = true;
            finished++;
        }

        void send(ByteBuffer app) throws IOException {
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            do {
                SSLEngineResult r = engine.wrap(app, out);
                if (r.getStatus() != SSLEngineResult.Status.OK) {
                    throw new IOException("wrap " + r.getStatus());
                }
            } while (app.hasRemaining());
            out.flip();
            write(out);
        }

        void write(ByteBuffer out) throws IOException {
            if (pendingOut != null) {
                ByteBuffer both = ByteBuffer.allocate(pendingOut.remaining() + out.remaining());
                both.put(pendingOut).put(out).flip();
                out = both;
            }
            channel.write(out);
            pendingOut = out.hasRemaining() ? out : null;
            channel.keyFor(selector).interestOps(SelectionKey.OP_READ | (pendingOut != null ? SelectionKey.OP_WRITE : 0));
        }

        /** Unwraps what arrived; false when more network data is needed. */
        boolean unwrapOnce() throws IOException {
            netIn.flip();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
            }
            switch (r.getStatus()) {
                case BUFFER_OVERFLOW -> {
                    ByteBuffer bigger = ByteBuffer.allocate(appIn.capacity() * 2);
                    appIn.flip();
                    appIn = bigger.put(appIn);
                    return true;
                }
                case BUFFER_UNDERFLOW -> {
                    return false;
                }
                case CLOSED -> throw new IOException("TLS closed");
                default -> {
                    return r.bytesConsumed() > 0 || r.bytesProduced() > 0;
                }
            }
        }

        void advance() throws Exception {
            while (true) {
                HandshakeStatus hs = engine.getHandshakeStatus();
                switch (hs) {
                    case NEED_TASK -> {
                        Runnable t;
                        while ((t = engine.getDelegatedTask()) != null) {
                            t.run();
                        }
                    }
                    case NEED_WRAP -> send(EMPTY);
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        if (!unwrapOnce()) {
                            return;
                        }
                    }
                    default -> {
                        if (!handshook) {
                            handshook = true;
                            register(null);
                        }
                        while (netIn.position() > 0 && unwrapOnce()) {
                            // drain application data and post-handshake messages
                        }
                        consume();
                        return;
                    }
                }
            }
        }

        void consume() throws Exception {
            appIn.flip();
            text.append(StandardCharsets.ISO_8859_1.decode(appIn));
            appIn.clear();
            while (true) {
                while (text.length() >= 2 && text.charAt(0) == '\r' && text.charAt(1) == '\n') {
                    text.delete(0, 2); // keep-alive pong
                }
                int end = text.indexOf("\r\n\r\n");
                if (end < 0) {
                    return;
                }
                String message = text.substring(0, end);
                text.delete(0, end + 4);
                onResponse(message);
            }
        }

        void onResponse(String message) throws Exception {
            int status = Integer.parseInt(message.substring(8, 11));
            if (done) {
                return;
            }
            if (!message.contains("reg-" + userIndex() + "@bench")) {
                throw new IOException("response for another registration than user " + user() + ": "
                        + message.lines().findFirst().orElse(""));
            }
            if (status == 401) {
                String challenge = header(message, "WWW-Authenticate");
                register(challenge);
            } else if (status == 200) {
                registered++;
                next();
            } else {
                failed++;
                if (failed <= 3) {
                    System.out.println("refused: " + message.lines().findFirst().orElse(""));
                }
                next();
            }
        }

        void register(String challenge) throws Exception {
            String uri = "sip:" + domain;
            String local = ((InetSocketAddress) channel.getLocalAddress()).getAddress().getHostAddress() + ":"
                    + ((InetSocketAddress) channel.getLocalAddress()).getPort();
            StringBuilder m = new StringBuilder();
            m.append("REGISTER ").append(uri).append(" SIP/2.0\r\n")
                    .append("Via: SIP/2.0/TLS ").append(local).append(";branch=z9hG4bK").append(userIndex()).append('x')
                    .append(challenge == null ? 1 : 2).append(";rport\r\n")
                    .append("From: <sip:").append(user()).append('@').append(domain).append(">;tag=t").append(userIndex())
                    .append("\r\nTo: <sip:").append(user()).append('@').append(domain).append(">\r\n")
                    .append("Call-ID: reg-").append(userIndex()).append("@bench\r\n")
                    .append("CSeq: ").append(challenge == null ? 1 : 2).append(" REGISTER\r\n")
                    .append("Contact: <sip:").append(user()).append('@').append(local).append(";transport=tls>\r\n")
                    .append("Max-Forwards: 70\r\nExpires: 3600\r\nUser-Agent: bench\r\n");
            if (challenge != null) {
                m.append("Authorization: ").append(answer(challenge, uri)).append("\r\n");
            }
            m.append("Content-Length: 0\r\n\r\n");
            send(ByteBuffer.wrap(m.toString().getBytes(StandardCharsets.ISO_8859_1)));
        }

        String answer(String challenge, String uri) throws Exception {
            Map<String, String> p = new TreeMap<>();
            Matcher mm = PARAM.matcher(challenge);
            while (mm.find()) {
                p.put(mm.group(1).toLowerCase(), mm.group(2));
            }
            String password = "Bench-Secret-" + (userIndex() + 1) + "-x";
            String ha1 = md5(user() + ":" + p.get("realm") + ":" + password);
            String ha2 = md5("REGISTER:" + uri);
            String cnonce = "c" + userIndex();
            String nc = "00000001";
            boolean qop = p.containsKey("qop");
            String response = qop ? md5(ha1 + ":" + p.get("nonce") + ":" + nc + ":" + cnonce + ":auth:" + ha2)
                    : md5(ha1 + ":" + p.get("nonce") + ":" + ha2);
            StringBuilder a = new StringBuilder("Digest username=\"").append(user()).append("\", realm=\"")
                    .append(p.get("realm")).append("\", nonce=\"").append(p.get("nonce")).append("\", uri=\"")
                    .append(uri).append("\", response=\"").append(response).append("\", algorithm=MD5");
            if (qop) {
                a.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
            }
            if (p.containsKey("opaque")) {
                a.append(", opaque=\"").append(p.get("opaque")).append('"');
            }
            return a.toString();
        }
    }

    private static String header(String message, String name) {
        for (String line : message.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        throw new IllegalStateException("no " + name + " in " + message);
    }

    private static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private void open(int i, int perSource) throws IOException {
        SocketChannel ch = SocketChannel.open();
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ch.bind(new InetSocketAddress("127.0.0." + (2 + i / perSource), 0));
        ch.connect(new InetSocketAddress(host, port));
        ch.register(selector, SelectionKey.OP_CONNECT, new Conn(i, ch));
    }

    private void run(int n, int inFlight, int perSource, long holdMs) throws Exception {
        List<Conn> all = new ArrayList<>(n);
        long t0 = System.nanoTime();
        int opened = 0;
        long lastReport = t0;
        while (finished < n) {
            while (opened < n && opened - finished < inFlight) {
                open(opened++, perSource);
            }
            selector.select(1000);
            for (SelectionKey key : selector.selectedKeys()) {
                Conn c = (Conn) key.attachment();
                try {
                    handle(key, c, all);
                } catch (Exception e) {
                    if (!c.done) {
                        c.fail();
                        if (failed <= perConnection * 3) {
                            System.out.println("connection " + c.index + " failed: " + e);
                        }
                    }
                    key.cancel();
                    c.channel.close();
                }
            }
            selector.selectedKeys().clear();
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                lastReport = System.nanoTime();
                System.out.println("progress: " + registered + " registered, " + failed + " failed, " + opened
                        + " opened");
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("registered %d of %d over %d connections in %.1f s (%d failed)%n", registered,
                n * perConnection, n, seconds, failed);
        System.out.println("holding");
        long end = System.currentTimeMillis() + holdMs;
        long nextKeepAlive = System.currentTimeMillis() + KEEPALIVE_MS;
        while (System.currentTimeMillis() < end) {
            selector.select(1000);
            for (SelectionKey key : selector.selectedKeys()) {
                Conn c = (Conn) key.attachment();
                try {
                    handle(key, c, all);
                } catch (Exception e) {
                    key.cancel();
                    c.channel.close();
                }
            }
            selector.selectedKeys().clear();
            if (System.currentTimeMillis() >= nextKeepAlive) {
                int open = 0;
                for (Conn c : all) {
                    if (c.channel.isOpen()) {
                        open++;
                        try {
                            c.send(ByteBuffer.wrap("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
                        } catch (IOException e) {
                            c.channel.close();
                        }
                    }
                }
                System.out.println("keep-alive sent on " + open + " open connections");
                nextKeepAlive = System.currentTimeMillis() + KEEPALIVE_MS;
            }
        }
    }

    private void handle(SelectionKey key, Conn c, List<Conn> all) throws Exception {
        if (key.isConnectable()) {
            c.channel.finishConnect();
            all.add(c);
            key.interestOps(SelectionKey.OP_READ);
            c.engine.beginHandshake();
            c.advance();
            return;
        }
        if (key.isWritable() && c.pendingOut != null) {
            c.write(ByteBuffer.allocate(0));
        }
        if (key.isReadable()) {
            if (!c.netIn.hasRemaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(c.netIn.capacity() * 2);
                c.netIn.flip();
                c.netIn = bigger.put(c.netIn);
            }
            if (c.channel.read(c.netIn) < 0) {
                throw new IOException("closed by the edge");
            }
            c.advance();
        }
    }
}
