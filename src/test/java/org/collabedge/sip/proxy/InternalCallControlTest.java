package org.collabedge.sip.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.collabedge.config.Deployment;
import org.collabedge.config.Domain;
import org.collabedge.config.EdgeConfig;
import org.collabedge.config.EdgeSettings;
import org.collabedge.config.InternalServer;
import org.collabedge.config.ServerType;
import org.collabedge.config.Transport;
import org.collabedge.sip.dns.LoopbackDns;
import org.collabedge.sip.transport.Flow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Call control servers: round-robin over the configured servers, each expanded into its DNS addresses. */
class InternalCallControlTest {

    private LoopbackDns dns;
    private InternalCallControl internal;
    private final Domain domain = new Domain("corp.test", false, true, false, false, "default");

    @BeforeEach
    void start() throws Exception {
        dns = new LoopbackDns();
        dns.srv("_sip._tcp.cc.corp.test", 10, 0, 5070, "cc1.corp.test", 300)
                .srv("_sip._tcp.cc.corp.test", 20, 0, 5070, "cc2.corp.test", 300)
                .a("cc1.corp.test", "127.0.0.31", 300)
                .a("cc2.corp.test", "127.0.0.32", 300)
                .a("fixed.corp.test", "127.0.0.33", 300);
        List<InternalServer> servers = List.of(
                new InternalServer("s1", ServerType.CALL_CONTROL, "cc.corp.test", 0, Transport.TCP, false, null,
                        "default"),
                new InternalServer("s2", ServerType.CALL_CONTROL, "fixed.corp.test", 5080, Transport.TCP, false,
                        null, "default"));
        EdgeConfig config = new EdgeConfig(List.of(new Deployment("default", "Default")), List.of(domain), servers,
                EdgeSettings.defaults("127.0.0.1"));
        var resolver = dns.sipResolver(System::nanoTime, new java.util.Random(3));
        internal = new InternalCallControl(() -> config, new NextHops(() -> resolver, () -> Set.of("TCP")));
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void serversTakeTurnsAndEachBringsItsSrvTargetsInPriorityOrder() {
        List<Flow> first = internal.ordered(domain);
        List<Flow> second = internal.ordered(domain);
        assertEquals(List.of(new Flow("TCP", "127.0.0.31", 5070), new Flow("TCP", "127.0.0.32", 5070),
                new Flow("TCP", "127.0.0.33", 5080)), first);
        assertEquals(List.of(new Flow("TCP", "127.0.0.33", 5080), new Flow("TCP", "127.0.0.31", 5070),
                new Flow("TCP", "127.0.0.32", 5070)), second, "round-robin starts at the other server next time");
    }

    @Test
    void requestsFromAnSrvTargetComeFromCallControl() {
        assertTrue(internal.isInternal(new Flow("TCP", "127.0.0.32", 40000)));
        assertTrue(internal.isInternal(new Flow("TLS", "127.0.0.33", 40001)));
        assertFalse(internal.isInternal(new Flow("TCP", "127.0.0.99", 40000)));
    }
}
