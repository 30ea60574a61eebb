package org.collabedge.connectivity;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import org.collabedge.config.InternalServer;
import org.collabedge.config.ServerType;
import org.collabedge.config.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tests an internal server as an administrator's "refresh" does: connects to its address and port, completes the
 * TLS handshake on secure transports (verifying the certificate and its name unless the server's
 * {@code tlsVerify} is off), then speaks the server type's protocol once (SIP OPTIONS, HTTP HEAD, an XMPP stream
 * header) to prove the right kind of server answers. The whole test fits in {@code timeout}. Network problems
 * never throw: they are the result.
 */
public final class ServerProbe {

    private static final Logger LOG = LoggerFactory.getLogger(ServerProbe.class);

    private final TlsHandshake tls;
    private final Clock clock;
    private final Duration timeout;

    /**
     * @param clientTls the edge's client TLS context (its trusted CAs, its client certificate), asked for on each
     *                  probe so that trust changes apply at once
     * @param clock     stamps results
     * @param timeout   budget of one whole probe
     */
    public ServerProbe(Supplier<SSLContext> clientTls, Clock clock, Duration timeout) {
        this.tls = new TlsHandshake(Objects.requireNonNull(clientTls, "clientTls"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    public ProbeResult probe(InternalServer server) {
        Objects.requireNonNull(server, "server");
        Instant testedAt = clock.instant();
        long started = System.nanoTime();
        ProbeReport report = new ProbeReport(testedAt);
        try {
            run(server, Deadline.after(timeout), report);
        } catch (RuntimeException e) {
            LOG.warn("Probe of internal server {} ({}) failed unexpectedly", server.id(), server.authority(), e);
            report.fail(ProbeStatus.PROTOCOL_ERROR, "The test failed unexpectedly: " + e.getClass().getSimpleName());
        }
        ProbeResult result = report.toResult(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        LOG.debug("Probe of internal server {} ({} over {}): {} - {}", server.id(), server.authority(),
                server.transport(), result.status(), result.detail());
        return result;
    }

    private void run(InternalServer server, Deadline deadline, ProbeReport report) {
        Transport transport = server.transport();
        if (server.port() < 1 || server.port() > 65_535) {
            report.fail(ProbeStatus.NOT_TESTABLE, "Port " + server.port() + " is not a valid port");
        } else if (!server.type().transports().contains(transport)) {
            report.fail(ProbeStatus.NOT_TESTABLE, transport + " is not a transport for " + server.type().key()
                    + " servers");
        } else if (transport == Transport.TFTP) {
            report.fail(ProbeStatus.NOT_TESTABLE, "TFTP cannot be tested: it has no connection to open and no "
                    + "request that proves the server without naming a file to download");
        } else if (transport == Transport.UDP) {
            UdpSipExchange.run(server, new SipOptions(), deadline, report);
        } else {
            overStream(server, greetingFor(server), deadline, report);
        }
    }

    /** The protocol exchange for a connection-oriented transport; null for connect (and handshake) only. */
    static ServiceGreeting greetingFor(InternalServer server) {
        if (server.transport() == Transport.HTTP || server.transport() == Transport.HTTPS) {
            return new HttpHead();
        }
        if (server.type() == ServerType.CALL_CONTROL) {
            return new SipOptions();
        }
        return server.type() == ServerType.IM_AND_PRESENCE ? new XmppStreamHeader() : null;
    }

    private void overStream(InternalServer server, ServiceGreeting greeting, Deadline deadline, ProbeReport report) {
        long started = System.nanoTime();
        Socket plain;
        try {
            plain = TcpConnector.connect(server.address(), server.port(), deadline);
        } catch (IOException e) {
            report.fail(ProbeStatus.UNREACHABLE, TcpConnector.describe(e, server.address(), deadline));
            return;
        }
        Socket channel = plain;
        try (Deadline.Watch watch = deadline.closeOnExpiry(plain)) {
            InetSocketAddress local = (InetSocketAddress) plain.getLocalSocketAddress();
            if (server.transport().secure()) {
                SSLSocket secured;
                try {
                    secured = tls.secure(plain, server, deadline);
                } catch (IOException e) {
                    handshakeFailed(server, e, deadline, report);
                    return;
                }
                channel = secured;
                report.step("Connected in " + millisSince(started) + " ms");
                report.secured(secured.getSession().getProtocol(),
                        PeerCertificates.leaf(secured.getSession()).orElse(null), server.tlsVerify());
            } else {
                report.step("Connected in " + millisSince(started) + " ms");
            }
            if (greeting != null) {
                exchange(channel, local, greeting, server, deadline, report);
            }
        } finally {
            Deadline.closeQuietly(channel);
        }
    }

    private void handshakeFailed(InternalServer server, IOException failure, Deadline deadline, ProbeReport report) {
        ProbeStatus status = HandshakeFailures.classify(failure);
        boolean certificateProblem = status != ProbeStatus.TLS_FAILED;
        X509Certificate peer = certificateProblem ? tls.peek(server, deadline).orElse(null) : null;
        report.presented(peer);
        report.fail(status, HandshakeFailures.describe(status, failure, server, peer, deadline));
    }

    private static void exchange(Socket channel, InetSocketAddress local, ServiceGreeting greeting,
                                 InternalServer server, Deadline deadline, ProbeReport report) {
        String protocol = greeting.protocol();
        try {
            channel.setSoTimeout(deadline.timeoutMillis());
            OutputStream out = channel.getOutputStream();
            out.write(greeting.request(server, local));
            out.flush();
            channel.setSoTimeout(deadline.timeoutMillis());
            ServiceGreeting.Answer answer = greeting.read(new BufferedInputStream(channel.getInputStream()));
            if (answer.line() == null) {
                report.fail(ProbeStatus.PROTOCOL_ERROR,
                        "Connected, but the server closed the connection without a " + protocol + " response");
                return;
            }
            report.answered(answer.line());
            if (!answer.recognised()) {
                report.fail(ProbeStatus.PROTOCOL_ERROR,
                        "Connected, but the answer is not a " + protocol + " response: " + answer.line());
            }
        } catch (IOException e) {
            if (deadline.expired() || e instanceof SocketTimeoutException) {
                report.fail(ProbeStatus.PROTOCOL_ERROR,
                        "Connected, but no " + protocol + " response within " + deadline.budgetMillis() + " ms");
            } else if (e instanceof SSLException) {
                report.fail(ProbeStatus.TLS_FAILED, HandshakeFailures.describe(ProbeStatus.TLS_FAILED, e, server,
                        null, deadline));
            } else {
                report.fail(ProbeStatus.PROTOCOL_ERROR, "Connected, but the connection failed before a " + protocol
                        + " response: " + ResponseLines.printable(String.valueOf(e.getMessage())));
            }
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
