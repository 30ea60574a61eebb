package org.collabedge.sip.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.collabedge.host.SecretStore;
import org.collabedge.testing.MemoryStores;
import org.junit.jupiter.api.Test;

/** Sealed route entries: opaque to the client, refused when altered, shared by nodes through the secret store. */
class RouteSealTest {

    private static final List<String> HIDDEN = List.of("<sip:10.1.2.3:5060;lr;ftag=a1>",
            "<sip:cc.corp.example:5061;transport=tls;lr>");

    @Test
    void sealedEntriesOpenOnEveryNodeAndRevealNothing() {
        SecretStore shared = MemoryStores.secrets();
        RouteSeal nodeA = new RouteSeal(shared);
        RouteSeal nodeB = new RouteSeal(shared);
        String token = nodeA.seal(HIDDEN);
        assertFalse(token.contains("10.1.2.3") || token.contains("corp"), token);
        assertTrue(token.matches("[A-Za-z0-9_-]+"), "fits a URI or Via parameter: " + token);
        assertEquals(Optional.of(HIDDEN), nodeB.open(token));
        assertFalse(token.equals(nodeA.seal(HIDDEN)), "a fresh nonce each time");
    }

    @Test
    void alteredOrForeignTokensDoNotOpen() {
        RouteSeal seal = new RouteSeal(MemoryStores.secrets());
        String token = seal.seal(HIDDEN);
        char flipped = token.charAt(20) == 'A' ? 'B' : 'A';
        assertEquals(Optional.empty(), seal.open(token.substring(0, 20) + flipped + token.substring(21)));
        assertEquals(Optional.empty(), seal.open(new RouteSeal(MemoryStores.secrets()).seal(HIDDEN)));
        assertEquals(Optional.empty(), seal.open("not*base64"));
        assertEquals(Optional.empty(), seal.open(null));
    }
}
