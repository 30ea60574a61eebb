package org.collabedge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sip.address.Address;
import javax.sip.address.SipURI;

import org.collabedge.standalone.LocalSharedState;
import org.collabedge.protection.FailureCategory;
import org.collabedge.sip.MethodScenarios.Call;
import org.collabedge.sip.MethodScenarios.Party;
import org.collabedge.sip.proxy.DialogRouteSet;
import org.collabedge.sip.proxy.RouteSeal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The review's attacks on in-dialog routing, on the wire: a party of a call through the edge (bob) edits the route
 * set the edge gave him, and the edge answers 403, counts a SIP protocol failure against his address, and nothing
 * reaches another client. The untouched route set still works afterwards.
 */
class SipDialogRouteSigningTest {

    private EdgeUnderTest edge;
    private TestPhone alice;
    private TestPhone bob;
    private TestPhone carol;
    private Call call;

    @BeforeEach
    void callFromAliceToBob() throws Exception {
        edge = new EdgeUnderTest();
        alice = new TestPhone(RawSipClient.tcp(edge.tcp), "alice", "example.com", "alice-secret");
        bob = new TestPhone(RawSipClient.udp(edge.udp), "bob", "example.com", "bob-secret");
        carol = new TestPhone(RawSipClient.tcp(edge.tcp), "carol", "example.com", "carol-secret");
        assertEquals(200, alice.register(600, "SHA-256").status());
        assertEquals(200, bob.register(600, "SHA-256").status());
        assertEquals(200, carol.register(600, "SHA-256").status());
        call = new MethodScenarios(new Party(alice, true), new Party(bob, false)).call(List.of());
        assertEquals(2, call.b().routes.size(), "TCP to UDP: a double Record-Route (RFC 5658)");
    }

    @AfterEach
    void stop() throws Exception {
        alice.close();
        bob.close();
        carol.close();
        edge.close();
    }

    @Test
    void droppingOnesOwnFlowTokenDoesNotMakeBobTheInside() throws Exception {
        List<String> routes = call.b().routes.stream().map(r -> r.replaceAll(";ce-b=[^;>]*", "")).toList();
        assertNotEquals(call.b().routes, routes);
        refused(send(call.b().callId, routes), "Route Set Not Valid");
    }

    @Test
    void aParameterPastedFromAnotherDialogIsRefused() throws Exception {
        // Carol calls bob too; bob pastes carol's caller token into the route set of alice's call.
        Call other = new MethodScenarios(new Party(carol, true), new Party(bob, false)).call(List.of());
        String carolToken = param(other.b().routes.get(0), "ce-a");
        assertNotEquals(param(call.b().routes.get(0), "ce-a"), carolToken);
        List<String> routes = call.b().routes.stream()
                .map(r -> r.replaceAll(";ce-a=[^;>]*", ";ce-a=" + carolToken)).toList();
        refused(send(call.b().callId, routes), "Route Set Not Valid");
        assertNull(carol.wire.receive(Duration.ofMillis(300)), "nothing reached carol's connection");
    }

    @Test
    void aRouteSetUsedUnderAnotherCallIdIsRefused() throws Exception {
        refused(send("another-call-id", call.b().routes), "Route Set Not Valid");
    }

    @Test
    void aRouteSetPastItsLifetimeIsRefused() throws Exception {
        // What the edge itself signed 25 hours ago for this very dialog (the key is the one the edge keeps in the
        // host's secret store): genuine, but over.
        RouteSeal edgeKey = new RouteSeal(edge.secrets, new LocalSharedState(Clock.systemUTC()));
        DialogRouteSet yesterday = new DialogRouteSet(edgeKey,
                Clock.fixed(Instant.now().minus(DialogRouteSet.LIFETIME).minus(Duration.ofHours(1)), ZoneOffset.UTC), DialogRouteSet.LIFETIME);
        List<String> routes = call.b().routes.stream().map(r -> resigned(r, yesterday)).toList();
        refused(send(call.b().callId, routes), "Dialog Route Expired");
    }

    /** Refused with 403, counted once against bob's address, nothing at alice; then bob's real BYE still works. */
    private void refused(String request, String reason) throws Exception {
        int before = protocolFailures();
        bob.wire.send(request);
        SipMsg answer = bob.wire.expectStatus(403);
        assertTrue(answer.firstLine().endsWith(reason), answer.firstLine());
        assertNull(alice.wire.receive(Duration.ofMillis(500)), "nothing reached alice's connection");
        assertEquals(before + 1, protocolFailures(), edge.failures.toString());
        assertTrue(edge.metrics.scrape().contains("kind=\"protocol\""), "in the SIP failure metrics");

        MethodScenarios.exchange(call.b(), call.a(), "BYE", List.of(), null, null, 200, null, null);
        assertTrue(edge.service.currentCalls().stream().noneMatch(c -> c.callId().equals(call.b().callId)),
                "alice's call ended");
    }

    private int protocolFailures() {
        return (int) edge.failures.stream().filter(f -> f.category() == FailureCategory.SIP_PROTOCOL
                && f.source().isLoopbackAddress()).count();
    }

    /** An INFO of bob's in the call, with the given route set and Call-ID. */
    private String send(String callId, List<String> routes) {
        TestDialog d = call.b();
        return bob.request("INFO", d.remoteTarget, d.remoteUri, callId, d.localTag, d.remoteTag,
                routes.stream().map(r -> "Route: " + r).toList(), null, null);
    }

    private String resigned(String route, DialogRouteSet signer) {
        try {
            Address a = new SipMessages().addresses.createAddress(route);
            SipURI uri = (SipURI) a.getURI();
            uri.removeParameter(DialogRouteSet.TAG);
            uri.removeParameter(DialogRouteSet.EXPIRES);
            signer.sign(uri, call.b().callId);
            return a.toString();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static String param(String route, String name) {
        Matcher m = Pattern.compile(";" + name + "=([^;>]*)").matcher(route);
        assertTrue(m.find(), name + " in " + route);
        return m.group(1);
    }
}
