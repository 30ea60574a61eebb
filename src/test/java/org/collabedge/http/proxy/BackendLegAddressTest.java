package org.collabedge.http.proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Which canonical hosts the backend leg connects to without a name lookup. A name is looked up on the backend pool
 * (DNS may block, and the proxy may forward on the selector thread) and gets SNI; an address literal does neither.
 */
class BackendLegAddressTest {

    @Test
    void dottedQuadsAndIpv6LiteralsAreAddresses() {
        assertTrue(BackendLeg.isAddressLiteral("192.0.2.10"));
        assertTrue(BackendLeg.isAddressLiteral("127.0.0.1"));
        assertTrue(BackendLeg.isAddressLiteral("0:0:0:0:0:0:0:1"));
        assertTrue(BackendLeg.isAddressLiteral("2001:db8:0:0:0:0:0:1"));
    }

    @Test
    void namesEndingInADigitAreNames() throws Exception {
        // Common internal host names: they must be resolved off the selector thread and get SNI.
        for (String name : new String[] {"cucm01", "node.lab2", "a1.b2.c3", "host-9", "9a.example.com", "x0"}) {
            assertFalse(BackendLeg.isAddressLiteral(HostNameCanon.canonical(name)), name);
        }
    }

    @Test
    void plainNamesAreNames() {
        assertFalse(BackendLeg.isAddressLiteral("cucm.example.com"));
        assertFalse(BackendLeg.isAddressLiteral("localhost"));
    }
}
