package org.collabedge.sip.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import javax.sip.address.SipURI;
import javax.sip.header.RecordRouteHeader;
import javax.sip.message.Request;

import org.collabedge.standalone.LocalSharedState;
import org.collabedge.host.SecretStore;
import org.collabedge.sip.SipMessages;
import org.collabedge.sip.proxy.DialogRouteSet.Verdict;
import org.collabedge.sip.transport.Flow;
import org.collabedge.testing.MemoryStores;
import org.junit.jupiter.api.Test;

/**
 * The edge's Record-Route entry is trusted only as the whole set of ce-* parameters it signed for one Call-ID and a
 * lifetime: each attack from the review (drop one's own callee token, paste a parameter of another dialog, reuse it
 * under another Call-ID, replay it after the lifetime) yields a set that does not check, and {@link DialogRouter}
 * refuses the request instead of taking a party for the inside.
 */
class RouteSetSigningTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final Flow ALICE = new Flow("TLS", "192.0.2.10", 40123);
    private static final Flow BOB = new Flow("TLS", "192.0.2.20", 40124);
    private static final Flow CAROL = new Flow("TLS", "192.0.2.30", 40125);
    private static final Flow CALL_CONTROL = new Flow("UDP", "10.0.0.5", 5060);

    private final SipMessages sip = new SipMessages();
    private final SecretStore secrets = MemoryStores.secrets();
    private final FlowToken tokens = new FlowToken(seal(secrets), Clock.fixed(NOW, ZoneOffset.UTC));
    private final EdgeAddresses edge = new EdgeAddresses("edge.example.com", Set.of("127.0.0.1"),
            Map.of("TLS", 5061), sip, tokens);
    private final DialogRouter router = new DialogRouter(() -> edge, PeerLink.NONE, () -> null);

    /** The entry the edge writes for a dialog, as {@code RequestForwarder} does. */
    private SipURI entry(String callId, Flow caller, boolean callerInside, Flow callee) {
        RecordRouteHeader rr = edge.recordRoute("TLS", caller, callerInside, callee);
        SipURI uri = (SipURI) rr.getAddress().getURI();
        tokens.routeSet().sign(uri, callId);
        return uri;
    }

    @Test
    void aSetSignedOnOneNodeChecksOnAnotherSharingTheKey() {
        SipURI uri = entry("call-1", ALICE, false, BOB);
        assertNotNull(uri.getParameter(DialogRouteSet.TAG));
        assertEquals("oo", uri.getParameter(DialogRouteSet.SIDES), "both sides marked as outside clients");
        assertEquals(String.valueOf(NOW.plus(DialogRouteSet.LIFETIME).getEpochSecond()),
                uri.getParameter(DialogRouteSet.EXPIRES));
        DialogRouteSet otherNode = new DialogRouteSet(seal(secrets), Clock.fixed(NOW, ZoneOffset.UTC),
                DialogRouteSet.LIFETIME);
        assertEquals(Verdict.VALID, otherNode.check(uri, "call-1"));
        DialogRouteSet otherCluster = new DialogRouteSet(seal(MemoryStores.secrets()));
        assertEquals(Verdict.FORGED, otherCluster.check(uri, "call-1"));
    }

    @Test
    void droppingOnesOwnCalleeTokenNoLongerMakesTheCallerLookInside() throws Exception {
        SipURI uri = entry("call-1", ALICE, false, BOB);
        uri.removeParameter(FlowToken.CALLEE);
        assertEquals(Verdict.FORGED, tokens.routeSet().check(uri, "call-1"));
        // Bob sends with his token dropped: refused, and counted, instead of reaching alice as "call control".
        DialogRouter.Decision d = router.route(request(uri, "call-1"), BOB);
        assertNull(d.hop());
        assertEquals(DialogRouter.FORGED, d.refusal());
        assertTrue(d.violation());
        // Changing the mark too ("callee inside") does not help: it is covered by the same tag.
        uri.setParameter(DialogRouteSet.SIDES, "oi");
        assertEquals(DialogRouter.FORGED, router.route(request(uri, "call-1"), BOB).refusal());
    }

    @Test
    void aParameterPastedFromAnotherDialogBreaksTheSet() throws Exception {
        SipURI mine = entry("call-1", ALICE, false, BOB);
        SipURI other = entry("call-2", CAROL, false, BOB);
        // Each token on its own is genuine; together they were never signed.
        mine.setParameter(FlowToken.CALLER, other.getParameter(FlowToken.CALLER));
        assertEquals(Verdict.FORGED, tokens.routeSet().check(mine, "call-1"));
        SipURI tagSwap = entry("call-1", ALICE, false, BOB);
        tagSwap.setParameter(DialogRouteSet.TAG, other.getParameter(DialogRouteSet.TAG));
        assertEquals(Verdict.FORGED, tokens.routeSet().check(tagSwap, "call-1"));
        SipURI added = entry("call-1", ALICE, false, BOB);
        added.setParameter(TopologyHiding.INSIDE_CALLER, "x");
        assertEquals(Verdict.FORGED, tokens.routeSet().check(added, "call-1"), "an added ce-* parameter counts");
        SipURI lr = entry("call-1", ALICE, false, BOB);
        lr.setParameter("maddr", "192.0.2.99");
        assertEquals(Verdict.VALID, tokens.routeSet().check(lr, "call-1"), "only ce-* parameters are covered");
    }

    @Test
    void theWholeEntryUnderAnotherCallIdIsRefused() throws Exception {
        SipURI uri = entry("call-1", ALICE, false, BOB);
        assertEquals(Verdict.FORGED, tokens.routeSet().check(uri, "call-2"));
        assertEquals(Verdict.FORGED, tokens.routeSet().check(uri, null));
        DialogRouter.Decision d = router.route(request(uri, "call-2"), ALICE);
        assertEquals(DialogRouter.FORGED, d.refusal());
        assertTrue(d.violation());
    }

    @Test
    void aSetPastItsLifetimeIsExpiredAndItsExpiryCannotBeMovedByHand() throws Exception {
        SipURI uri = entry("call-1", ALICE, false, BOB);
        DialogRouteSet dayLater = new DialogRouteSet(seal(secrets),
                Clock.fixed(NOW.plus(DialogRouteSet.LIFETIME), ZoneOffset.UTC), DialogRouteSet.LIFETIME);
        DialogRouteSet justBefore = new DialogRouteSet(seal(secrets),
                Clock.fixed(NOW.plus(DialogRouteSet.LIFETIME).minusSeconds(1), ZoneOffset.UTC),
                DialogRouteSet.LIFETIME);
        assertEquals(Verdict.VALID, justBefore.check(uri, "call-1"), "a call of 23:59:59 still routes");
        assertEquals(Verdict.EXPIRED, dayLater.check(uri, "call-1"));
        uri.setParameter(DialogRouteSet.EXPIRES, String.valueOf(NOW.plus(Duration.ofDays(365)).getEpochSecond()));
        assertEquals(Verdict.FORGED, dayLater.check(uri, "call-1"));
        uri.removeParameter(DialogRouteSet.EXPIRES);
        assertEquals(Verdict.FORGED, dayLater.check(uri, "call-1"));
    }

    @Test
    void addingHiddenRoutesSignsAgainOnlyAnEntryThatStillChecks() throws Exception {
        SipURI uri = entry("call-1", CALL_CONTROL, true, BOB);
        String expires = uri.getParameter(DialogRouteSet.EXPIRES);
        assertTrue(tokens.routeSet().extend(uri, "call-1", TopologyHiding.ROUTES, "sealed"));
        assertEquals(Verdict.VALID, tokens.routeSet().check(uri, "call-1"));
        assertEquals(expires, uri.getParameter(DialogRouteSet.EXPIRES), "the lifetime is not renewed");
        // An entry a party changed (here: in a response it relayed) is not blessed by the edge's next signature.
        SipURI changed = entry("call-1", ALICE, false, BOB);
        changed.removeParameter(FlowToken.CALLEE);
        assertFalse(tokens.routeSet().extend(changed, "call-1", TopologyHiding.ROUTES, "sealed"));
        assertEquals(Verdict.FORGED, tokens.routeSet().check(changed, "call-1"));
    }

    @Test
    void theExplicitMarksSayWhereARequestFromEachSideGoes() throws Exception {
        // A client calls call control: alice's requests follow Route/Request-URI inside; call control's (from any
        // of its addresses) go to alice's flow, hidden.
        SipURI toInside = entry("call-1", ALICE, false, null);
        assertEquals("oi", toInside.getParameter(DialogRouteSet.SIDES));
        DialogRouter.Hop fromAlice = router.route(request(toInside, "call-1"), ALICE).hop();
        assertEquals(0, fromAlice.next().port());
        assertFalse(fromAlice.fromInside());
        DialogRouter.Hop fromInside = router.route(request(toInside, "call-1"), CALL_CONTROL).hop();
        assertEquals(ALICE, fromInside.next());
        assertTrue(fromInside.fromInside() && fromInside.toClient());

        // Call control calls bob: call control's requests reach bob; bob's reach call control, not hidden from it.
        SipURI fromControl = entry("call-2", CALL_CONTROL, true, BOB);
        assertEquals("io", fromControl.getParameter(DialogRouteSet.SIDES));
        assertEquals(BOB, router.route(request(fromControl, "call-2"), CALL_CONTROL).hop().next());
        DialogRouter.Hop fromBob = router.route(request(fromControl, "call-2"), BOB).hop();
        assertEquals(CALL_CONTROL, fromBob.next());
        assertFalse(fromBob.fromInside() || fromBob.toClient());

        // Two clients: each reaches the other; a third connection with their route set reaches nobody.
        SipURI clients = entry("call-3", ALICE, false, BOB);
        assertEquals(BOB, router.route(request(clients, "call-3"), ALICE).hop().next());
        assertEquals(ALICE, router.route(request(clients, "call-3"), BOB).hop().next());
        DialogRouter.Decision third = router.route(request(clients, "call-3"), CAROL);
        assertNull(third.hop());
        assertEquals(DialogRouter.NOT_A_PARTY, third.refusal());
        assertFalse(third.violation(), "may be a party that reconnected: refused, not counted");
    }

    @Test
    void bothEntriesOfADoubleRecordRouteMustCheck() throws Exception {
        SipURI first = entry("call-1", ALICE, false, BOB);
        SipURI second = entry("call-1", ALICE, false, BOB);
        second.removeParameter(FlowToken.CALLEE);
        Request r = request(first, "call-1");
        r.addLast(sip.headers.createRouteHeader(sip.addresses.createAddress(second)));
        assertEquals(DialogRouter.FORGED, router.route(r, ALICE).refusal());
    }

    @Test
    void aRouteNotNamingTheEdgeIsNoDialogOfIt() throws Exception {
        SipURI elsewhere = sip.addresses.createSipURI(null, "proxy.example.net");
        elsewhere.setLrParam();
        assertEquals(DialogRouter.Decision.NOT_THROUGH_EDGE, router.route(request(elsewhere, "call-1"), ALICE));
    }

    private Request request(SipURI route, String callId) throws Exception {
        String text = "BYE sip:bob@192.0.2.20:40124 SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS 192.0.2.10:40123;branch=z9hG4bK-1\r\n"
                + "Route: <" + route + ">\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@example.com>;tag=a\r\n"
                + "To: <sip:bob@example.com>;tag=b\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 2 BYE\r\n"
                + "Content-Length: 0\r\n\r\n";
        return sip.messages.createRequest(text);
    }

    /** One node's seal over a secret store (the lock only matters when the key is first created). */
    private static RouteSeal seal(org.collabedge.host.SecretStore store) {
        return new RouteSeal(store, new LocalSharedState(Clock.systemUTC()));
    }
}
