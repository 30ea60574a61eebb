package org.collabedge.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.collabedge.protection.AccessGate;
import org.collabedge.protection.AuthorizationRateControl;
import org.collabedge.protection.FailureCategory;
import org.collabedge.protection.Protection;
import org.jivesoftware.openfire.interceptor.InterceptorManager;
import org.jivesoftware.openfire.interceptor.PacketRejectedException;
import org.jivesoftware.openfire.session.ClientSession;
import org.jivesoftware.openfire.session.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * The packet interceptor that feeds the XMPP protocol violation category from Openfire's client sessions and keeps
 * banned addresses off them, driven with real stanzas (Tinder) on mocked sessions.
 */
class XmppClientGuardTest {

    private static final String DOMAIN = "example.org";

    /** Bans by hand, and tells listeners as the real ban list does. */
    private static final class HandGate implements AccessGate {
        final Set<InetAddress> banned = ConcurrentHashMap.newKeySet();
        final List<Consumer<InetAddress>> listeners = new CopyOnWriteArrayList<>();

        @Override
        public boolean admits(InetAddress source) {
            return !banned.contains(source);
        }

        @Override
        public AutoCloseable onBan(Consumer<InetAddress> closeConnectionsFrom) {
            listeners.add(closeConnectionsFrom);
            return () -> listeners.remove(closeConnectionsFrom);
        }

        void ban(InetAddress address) {
            banned.add(address);
            listeners.forEach(l -> l.accept(address));
        }
    }

    private final List<String> reported = new CopyOnWriteArrayList<>();
    private final HandGate gate = new HandGate();
    private final XmppClientGuard guard = new XmppClientGuard(new Protection(
            (category, source, user) -> reported.add(category + " " + source.getHostAddress() + " " + user),
            gate, AuthorizationRateControl.UNLIMITED), DOMAIN);

    @AfterEach
    void closeGuard() {
        guard.close();
    }

    private static ClientSession client(String address, JID jid) throws Exception {
        ClientSession s = mock(ClientSession.class);
        when(s.getHostAddress()).thenReturn(address);
        when(s.getAddress()).thenReturn(jid);
        return s;
    }

    private static ClientSession alice(String address) throws Exception {
        return client(address, new JID("alice", DOMAIN, "phone"));
    }

    private static IQ iq(IQ.Type type, String id) {
        IQ iq = new IQ(type);
        if (id == null) {
            iq.getElement().addAttribute("id", null);
        } else {
            iq.setID(id);
        }
        return iq;
    }

    private void in(Packet p, Session s) throws PacketRejectedException {
        guard.interceptPacket(p, s, true, false);
        guard.interceptPacket(p, s, true, true); // Openfire calls again after processing: never counted twice
    }

    private void out(Packet p, Session s) throws PacketRejectedException {
        guard.interceptPacket(p, s, false, false);
        guard.interceptPacket(p, s, false, true);
    }

    private static IQ error(String from, String id, PacketError.Condition condition) {
        IQ e = iq(IQ.Type.error, id);
        e.getElement().addAttribute("from", from);
        e.setError(condition);
        return e;
    }

    @Test
    void wellFormedTrafficIsNotCounted() throws Exception {
        ClientSession s = alice("198.51.100.1");
        IQ roster = iq(IQ.Type.get, "r1");
        roster.setChildElement("query", "jabber:iq:roster");
        in(roster, s);
        in(new Presence(), s);
        Message chat = new Message();
        chat.setType(Message.Type.chat);
        chat.setBody("hi");
        in(chat, s);
        in(iq(IQ.Type.result, "x1"), s);
        out(error(null, "r2", PacketError.Condition.item_not_found), s);
        assertEquals(List.of(), reported);
    }

    @Test
    void malformedStanzasFromAClientAreReportedWithItsAddressAndUser() throws Exception {
        ClientSession s = alice("198.51.100.2");
        IQ twoPayloads = iq(IQ.Type.get, "a1");
        twoPayloads.setChildElement("query", "jabber:iq:roster");
        twoPayloads.getElement().addElement("vCard", "vcard-temp");
        in(twoPayloads, s);
        in(iq(IQ.Type.set, "a2"), s); // no payload at all
        IQ noId = iq(IQ.Type.get, null);
        noId.setChildElement("ping", "urn:xmpp:ping");
        in(noId, s);
        Message odd = new Message();
        odd.getElement().addAttribute("type", "shout");
        in(odd, s);
        Presence odder = new Presence();
        odder.getElement().addAttribute("type", "invisible");
        in(odder, s);
        assertEquals(5, reported.size());
        assertTrue(reported.stream().allMatch(r -> r.equals("XMPP_PROTOCOL 198.51.100.2 alice")), reported.toString());
    }

    @Test
    void stanzasBeforeAuthenticationCountExceptTheOnesThatAuthenticate() throws Exception {
        ClientSession s = client("::ffff:198.51.100.3", new JID(null, DOMAIN, "3f1c", true));
        IQ register = iq(IQ.Type.get, "reg");
        register.setChildElement("query", "jabber:iq:register");
        in(register, s);
        IQ bind = iq(IQ.Type.set, "bind");
        bind.setChildElement("bind", "urn:ietf:params:xml:ns:xmpp-bind");
        in(bind, s);
        assertEquals(List.of(), reported);
        Message early = new Message();
        early.setTo("bob@" + DOMAIN);
        early.setBody("spam");
        in(early, s);
        assertEquals(List.of("XMPP_PROTOCOL 198.51.100.3 null"), reported, "IPv4-mapped counted as the IPv4 client");
    }

    @Test
    void theServersProtocolErrorsToAClientCountButOtherPartiesErrorsDoNot() throws Exception {
        ClientSession s = alice("2001:db8::7");
        in(new Presence(), s); // the guard learns a session's address from what it sends
        out(error(DOMAIN, "e1", PacketError.Condition.bad_request), s);
        out(error("alice@" + DOMAIN, "e2", PacketError.Condition.not_acceptable), s);
        String malformed = "a b@" + DOMAIN;
        assertThrows(IllegalArgumentException.class, () -> new JID(malformed));
        Message echoed = new Message();
        echoed.getElement().addAttribute("from", malformed);
        echoed.setError(PacketError.Condition.jid_malformed);
        out(echoed, s);
        IQ policy = iq(IQ.Type.error, "e3"); // RFC 6120's condition, newer than Tinder 1.3's list: built by hand
        policy.getElement().addElement("error").addAttribute("type", "modify")
                .addElement("policy-violation", XmppViolations.STANZAS_NS);
        out(policy, s);
        assertEquals(4, reported.size(), reported.toString());

        out(error("mallory@evil.example", "e4", PacketError.Condition.bad_request), s);
        out(error("evil.example", "e5", PacketError.Condition.bad_request), s);
        out(error(DOMAIN, "e6", PacketError.Condition.not_authorized), s);
        assertEquals(4, reported.size(), "errors others send, and other conditions, are not the client's fault");
        assertEquals("XMPP_PROTOCOL 2001:db8:0:0:0:0:0:7 alice", reported.get(0));
    }

    @Test
    void theServersAnswerToAStanzaAlreadyCountedIsNotCountedAgain() throws Exception {
        ClientSession s = alice("198.51.100.4");
        in(iq(IQ.Type.set, "dup"), s);
        out(error(DOMAIN, "dup", PacketError.Condition.bad_request), s);
        assertEquals(1, reported.size());
    }

    @Test
    void aBannedAddressHasItsStanzasRejectedAndItsSessionsClosed() throws Exception {
        ClientSession attacker = alice("203.0.113.9");
        ClientSession mappedTwin = alice("::ffff:203.0.113.9");
        ClientSession bystander = client("198.51.100.9", new JID("bob", DOMAIN, "pc"));
        in(new Presence(), attacker);
        in(new Presence(), mappedTwin);
        in(new Presence(), bystander);

        gate.ban(InetAddress.getByName("203.0.113.9"));
        verify(attacker).close();
        verify(mappedTwin).close();
        verify(bystander, never()).close();

        ClientSession later = alice("203.0.113.9");
        PacketRejectedException refused = assertThrows(PacketRejectedException.class,
                () -> guard.interceptPacket(new Presence(), later, true, false));
        assertTrue(refused.getMessage().contains("banned"));
        verify(later).close();
        in(new Presence(), bystander); // others carry on
    }

    @Test
    void serverAndComponentSessionsAreNotJudged() throws Exception {
        Session server = mock(Session.class);
        when(server.getHostAddress()).thenReturn("192.0.2.1");
        in(iq(IQ.Type.set, "s1"), server);
        gate.ban(InetAddress.getByName("192.0.2.1"));
        in(new Presence(), server);
        assertEquals(List.of(), reported);
        verify(server, never()).close();
    }

    @Test
    void registeringAndClosingLeaveOpenfiresInterceptorListAsItWas() {
        int before = InterceptorManager.getInstance().getInterceptors().size();
        XmppClientGuard registered = XmppClientGuard.register(Protection.none(), DOMAIN);
        assertTrue(InterceptorManager.getInstance().getInterceptors().contains(registered));
        registered.close();
        assertEquals(before, InterceptorManager.getInstance().getInterceptors().size());
        guard.close();
        assertEquals(List.of(), gate.listeners, "the ban listener is gone too");
    }
}
