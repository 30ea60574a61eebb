package org.collabedge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many short connections to the NIO listeners (a TLS handshake then close, a registration over TCP then close) leave
 * nothing behind: the flow table returns to empty, so nothing leaks over connect/disconnect cycles.
 */
class SipConnectionCyclesTest {

    private static final int CYCLES = 200;

    private EdgeUnderTest edge;

    @BeforeEach
    void start() throws Exception {
        edge = new EdgeUnderTest();
    }

    @AfterEach
    void stop() {
        edge.close();
    }

    @Test
    void connectAndCloseCyclesLeaveNoFlowBehind() throws Exception {
        for (int i = 0; i < CYCLES; i++) {
            try (SSLSocket s = (SSLSocket) edge.trustingClientContext().getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), edge.tls)) {
                s.startHandshake();
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), edge.tcp)) {
                s.getOutputStream().write("\r\n\r\n".getBytes());
            }
        }
        try (RawSipClient wire = RawSipClient.tcp(edge.tcp);
             TestPhone alice = new TestPhone(wire, "alice", "example.com", "alice-secret")) {
            assertEquals(200, alice.register(300, "SHA-256").status());
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!edge.metrics.scrape().contains("collabedge_sip_flows 0") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(edge.metrics.scrape().contains("collabedge_sip_flows 0"), "every flow forgotten");
        while (!stackTablesEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(stackTablesEmpty(), "and the listeners' channel and socket tables are empty: " + stackTables());
    }

    private boolean stackTablesEmpty() throws ReflectiveOperationException {
        return stackTables().stream().allMatch(n -> n == 0);
    }

    /** The NIO listeners' channel map, message channels and socket table sizes (JAIN-SIP internals, by reflection). */
    private java.util.List<Integer> stackTables() throws ReflectiveOperationException {
        java.lang.reflect.Field l = edge.service.getClass().getDeclaredField("listeners");
        l.setAccessible(true);
        gov.nist.javax.sip.SipStackImpl stack =
                ((org.collabedge.sip.transport.SipListeners) l.get(edge.service)).stack();
        java.util.List<Integer> sizes = new java.util.ArrayList<>();
        java.lang.reflect.Method all = gov.nist.javax.sip.stack.SIPTransactionStack.class
                .getDeclaredMethod("getMessageProcessors");
        all.setAccessible(true);
        for (Object p : (Object[]) all.invoke(stack)) {
            if (p instanceof gov.nist.javax.sip.stack.NioTcpMessageProcessor nio) {
                sizes.add(((java.util.Map<?, ?>) field(gov.nist.javax.sip.stack.ConnectionOrientedMessageProcessor.class,
                        "messageChannels", nio)).size());
                Object handler = field(gov.nist.javax.sip.stack.NioTcpMessageProcessor.class, "nioHandler", nio);
                sizes.add(((gov.nist.javax.sip.stack.NIOHandler) handler).getCurrentChannelSize());
                sizes.add(((java.util.Map<?, ?>) field(gov.nist.javax.sip.stack.NIOHandler.class, "socketTable",
                        handler)).size());
            }
        }
        assertEquals(6, sizes.size(), "two NIO listeners");
        return sizes;
    }

    private static Object field(Class<?> owner, String name, Object of) throws ReflectiveOperationException {
        java.lang.reflect.Field f = owner.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(of);
    }
}
