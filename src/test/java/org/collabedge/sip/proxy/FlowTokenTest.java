package org.collabedge.sip.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

import org.collabedge.host.SecretStore;
import org.collabedge.host.SharedState;
import org.collabedge.sip.transport.Flow;
import org.collabedge.standalone.LocalSharedState;
import org.collabedge.testing.MemoryStores;
import org.junit.jupiter.api.Test;

/**
 * Flow tokens in the edge's Record-Route (ce-a, ce-b) and the peer Route (ce-f) name client connections, and clients
 * echo them back: every node of the cluster reads the others' tokens, but an edited, hand-made or foreign one names
 * nothing, so a client cannot steer a request onto another client's connection.
 */
class FlowTokenTest {

    private static final Flow ALICE = new Flow("TLS", "2001:db8::1", 40123);
    private static final Flow BOB = new Flow("TLS", "2001:db8::1", 40124);

    @Test
    void aTokenFromOneNodeReadsOnAnotherWithTheSharedKey() {
        SecretStore shared = MemoryStores.secrets();
        SharedState cluster = new LocalSharedState(Clock.systemUTC());
        FlowToken nodeA = new FlowToken(new RouteSeal(shared, cluster));
        FlowToken nodeB = new FlowToken(new RouteSeal(shared, cluster));
        String token = nodeA.encode(ALICE);
        assertTrue(token.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), "fits a URI parameter: " + token);
        assertEquals(Optional.of(ALICE), nodeB.decode(token));
        assertEquals(Optional.of(BOB), nodeA.decode(nodeB.encode(BOB)));
    }

    @Test
    void aClientCannotPointATokenAtAnotherFlow() {
        FlowToken tokens = new FlowToken(RouteSealTest.alone());
        String alice = tokens.encode(ALICE);
        String tag = alice.substring(alice.indexOf('.') + 1);
        // Bob's flow with Alice's tag: the tag covers the flow, so it no longer fits.
        assertEquals(Optional.empty(), tokens.decode(b64(BOB.key()) + "." + tag));
        // The unsigned form earlier versions wrote, made up by hand.
        assertEquals(Optional.empty(), tokens.decode(b64(BOB.key())));
        assertEquals(Optional.empty(), tokens.decode(b64(BOB.key()) + "."));
        // One flipped character in the tag (its first: the last base64 character of a 16-byte tag also carries
        // padding bits, which decoders ignore, so flipping it may leave the tag unchanged).
        int first = alice.indexOf('.') + 1;
        char c = alice.charAt(first);
        assertEquals(Optional.empty(), tokens.decode(alice.substring(0, first) + (c == 'A' ? 'B' : 'A')
                + alice.substring(first + 1)));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        FlowToken elsewhere = new FlowToken(RouteSealTest.alone());
        FlowToken here = new FlowToken(RouteSealTest.alone());
        assertEquals(Optional.empty(), here.decode(elsewhere.encode(ALICE)));
        assertFalse(here.encode(ALICE).equals(elsewhere.encode(ALICE)));
    }

    @Test
    void garbageNamesNoFlow() {
        RouteSeal seal = RouteSealTest.alone();
        FlowToken tokens = new FlowToken(seal);
        assertTrue(tokens.decode(null).isEmpty());
        assertTrue(tokens.decode("").isEmpty());
        assertTrue(tokens.decode("%%%").isEmpty());
        assertTrue(tokens.decode("%%%.%%%").isEmpty());
        assertTrue(tokens.decode(".abc").isEmpty());
        // Signed, but not a flow key.
        String notAFlow = b64("no-port-here") + "." + seal.tag("no-port-here");
        assertTrue(tokens.decode(notAFlow).isEmpty());
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
