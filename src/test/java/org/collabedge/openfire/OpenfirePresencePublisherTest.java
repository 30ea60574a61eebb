package org.collabedge.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.collabedge.host.PresencePublisher.Show;
import org.jivesoftware.openfire.PresenceRouter;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.XMPPServerInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.MockedStatic;
import org.mockito.Mockito;
import org.xmpp.packet.Presence;

class OpenfirePresencePublisherTest {

    private MockedStatic<XMPPServer> server;
    private final PresenceRouter router = mock(PresenceRouter.class);
    private final OpenfirePresencePublisher publisher = new OpenfirePresencePublisher();

    @BeforeEach
    void setUp() {
        XMPPServer xmpp = mock(XMPPServer.class);
        XMPPServerInfo info = mock(XMPPServerInfo.class);
        when(info.getXMPPDomain()).thenReturn("example.org");
        when(xmpp.getServerInfo()).thenReturn(info);
        when(xmpp.getPresenceRouter()).thenReturn(router);
        server = Mockito.mockStatic(XMPPServer.class);
        server.when(XMPPServer::getInstance).thenReturn(xmpp);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private Presence routed() {
        ArgumentCaptor<Presence> captor = ArgumentCaptor.forClass(Presence.class);
        verify(router).route(captor.capture());
        return captor.getValue();
    }

    @Test
    void availablePresenceIsRoutedFromTheUsersEdgeResourceToNoOneInParticular() {
        publisher.available("alice", "sip", Show.DND, "On a call");
        Presence presence = routed();
        assertEquals("alice@example.org/sip", presence.getFrom().toString());
        assertNull(presence.getTo(), "no recipient: the server broadcasts it to the roster");
        assertNull(presence.getType(), "available");
        assertEquals(Presence.Show.dnd, presence.getShow());
        assertEquals("On a call", presence.getStatus());
    }

    @Test
    void plainAvailableHasNoShow() {
        publisher.available("alice", "sip", Show.AVAILABLE, null);
        Presence presence = routed();
        assertNull(presence.getShow());
        assertNull(presence.getStatus());
    }

    @Test
    void unavailablePresenceIsRouted() {
        publisher.unavailable("alice", "sip");
        Presence presence = routed();
        assertEquals(Presence.Type.unavailable, presence.getType());
        assertEquals("alice@example.org/sip", presence.getFrom().toString());
    }

    @Test
    void invalidAddressesAreDroppedNotThrown() {
        publisher.available("", "sip", Show.AWAY, null);
        publisher.available("in valid@user", "sip", Show.AWAY, null);
        verify(router, never()).route(any(Presence.class));
    }
}
