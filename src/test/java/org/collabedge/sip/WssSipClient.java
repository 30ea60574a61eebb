package org.collabedge.sip;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A SIP-over-WebSocket client as a browser softphone is one (RFC 7118): the JDK's WebSocket client over wss, one SIP
 * message per text message, trusting exactly the edge's own (self-signed) certificate.
 */
final class WssSipClient implements AutoCloseable {

    private final WebSocket socket;
    private final BlockingQueue<SipMsg> inbox;
    private final CompletableFuture<Integer> closed;

    private WssSipClient(WebSocket socket, BlockingQueue<SipMsg> inbox, CompletableFuture<Integer> closed) {
        this.socket = socket;
        this.inbox = inbox;
        this.closed = closed;
    }

    /** Opens wss://127.0.0.1:port/ offering the given subprotocols (RFC 7118 needs "sip"). */
    static WssSipClient connect(int port, X509Certificate edgeCertificate, String... subprotocols) {
        return connectFrom(null, port, edgeCertificate, subprotocols);
    }

    /** As {@link #connect}, as a browser would for a page of {@code origin} (null: no Origin, as a softphone). */
    static WssSipClient connectFrom(String origin, int port, X509Certificate edgeCertificate,
                                    String... subprotocols) {
        BlockingQueue<SipMsg> inbox = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket.Builder builder = client(edgeCertificate).newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        WebSocket ws = builder.buildAsync(URI.create("wss://127.0.0.1:" + port + "/"), new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    inbox.add(SipMsg.parse(partial.toString()));
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(-1);
            }
        }).orTimeout(10, TimeUnit.SECONDS).join();
        return new WssSipClient(ws, inbox, closed);
    }

    static HttpClient client(X509Certificate edgeCertificate) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {new OnlyThisCertificate(edgeCertificate)}, null);
            return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** The subprotocol the edge agreed to. */
    String subprotocol() {
        return socket.getSubprotocol();
    }

    void send(String message) {
        socket.sendText(message, true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    /** Sends bytes as one binary message; the edge may close before all of an oversized one is written. */
    void sendBinary(byte[] message) {
        try {
            socket.sendBinary(java.nio.ByteBuffer.wrap(message), true).orTimeout(5, TimeUnit.SECONDS).join();
        } catch (java.util.concurrent.CompletionException refused) {
            // Seen through the close code instead.
        }
    }

    /** The next message that matches, skipping others; fails after the timeout. */
    SipMsg expect(Predicate<SipMsg> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            SipMsg m = inbox.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (m != null && wanted.test(m)) {
                return m;
            }
        }
        throw new AssertionError("Expected message did not arrive over the WebSocket within " + timeout);
    }

    SipMsg expectStatus(int status) throws InterruptedException {
        return expect(m -> m.isResponse() && m.status() == status, Duration.ofSeconds(5));
    }

    SipMsg expectRequest(String method) throws InterruptedException {
        return expect(m -> !m.isResponse() && m.method().equals(method), Duration.ofSeconds(5));
    }

    /** The close code when the edge closed the WebSocket within the timeout (-1 for an abrupt end), else null. */
    Integer closedByEdge(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public void close() {
        socket.abort();
    }

    /** Trusts the edge's own certificate and nothing else; the host name is not checked (tests dial 127.0.0.1). */
    private static final class OnlyThisCertificate extends X509ExtendedTrustManager {
        private final X509Certificate trusted;

        OnlyThisCertificate(X509Certificate trusted) {
            this.trusted = trusted;
        }

        private void check(X509Certificate[] chain) throws java.security.cert.CertificateException {
            if (chain.length == 0 || !chain[0].equals(trusted)) {
                throw new java.security.cert.CertificateException("Not the edge's certificate");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws java.security.cert.CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws java.security.cert.CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("client side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
