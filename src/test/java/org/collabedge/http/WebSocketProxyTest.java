package org.collabedge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

/** A WebSocket upgrade to an allowed target becomes a byte tunnel to the backend (the MiCollab client uses one). */
class WebSocketProxyTest {

    @Test
    void anAllowedUpgradeIsTunnelledBothWays() throws Exception {
        try (WebSocketEchoBackend backend = new WebSocketEchoBackend();
             EdgeHarness edge = EdgeHarness.simple(new TestAllowList(backend.port()));
             SSLSocket socket = edge.connect()) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("GET /corp/http/127.0.0.1/" + backend.port() + "/allowed/ws?room=1 HTTP/1.1\r\n"
                    + "Host: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + EdgeHarness.basic("alice", "secret") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = WebSocketEchoBackend.readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            assertTrue(head.contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), head);
            assertEquals("/allowed/ws?room=1", backend.upgradePath);
            for (String message : new String[] {"hello", "second"}) {
                out.write(WebSocketEchoBackend.clientTextFrame(message));
                out.flush();
                assertEquals(0x81, in.read());
                int len = in.read();
                assertEquals("echo:" + message, new String(in.readNBytes(len), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void anUpgradeWithoutCredentialsIsRefusedBeforeTheBackendSeesIt() throws Exception {
        try (WebSocketEchoBackend backend = new WebSocketEchoBackend();
             EdgeHarness edge = EdgeHarness.simple(new TestAllowList(backend.port()));
             SSLSocket socket = edge.connect()) {
            socket.getOutputStream().write(("GET /corp/http/127.0.0.1/" + backend.port() + "/allowed/ws HTTP/1.1\r\n"
                    + "Host: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String head = WebSocketEchoBackend.readHead(socket.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 401"), head);
            assertEquals(null, backend.upgradePath);
        }
    }
}
