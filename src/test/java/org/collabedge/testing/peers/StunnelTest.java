package org.collabedge.testing.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.collabedge.cert.EdgeIdentity;
import org.collabedge.cert.Pem;
import org.collabedge.cert.SelfSignedCertificateFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain text into stunnel's port comes out of a verified TLS connection at the target, and back. */
class StunnelTest {

    @TempDir
    Path dir;

    @Test
    void carriesAPlainConnectionOverVerifiedTls() throws Exception {
        EdgeIdentity identity = new SelfSignedCertificateFactory(Clock.systemUTC()).create("localhost");
        char[] pw = "changeit".toCharArray();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(identity.toKeyStore(pw), pw);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, Pem.encode(identity.certificate()));
        try (SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 5,
                Peers.LOOPBACK)) {
            Thread echo = new Thread(() -> {
                try (SSLSocket s = (SSLSocket) server.accept();
                     var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                     var out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8)) {
                    out.println("echo " + in.readLine() + " over " + s.getSession().getProtocol());
                } catch (Exception e) {
                    // the assertion below reports the missing answer
                }
            });
            echo.setDaemon(true);
            echo.start();
            try (Stunnel tunnel = Stunnel.start(dir.resolve("stunnel"), "127.0.0.1", server.getLocalPort(), ca,
                    "localhost");
                 Socket plain = new Socket(Peers.LOOPBACK, tunnel.port())) {
                plain.setSoTimeout(10_000);
                new PrintWriter(plain.getOutputStream(), true, StandardCharsets.UTF_8).println("OPTIONS");
                String answer = new BufferedReader(new InputStreamReader(plain.getInputStream(),
                        StandardCharsets.UTF_8)).readLine();
                assertTrue(answer != null && answer.startsWith("echo OPTIONS over TLSv1."), answer + tunnel.log());
            }
            echo.join(5_000);
            assertEquals(false, echo.isAlive());
        }
    }
}
