package org.collabedge.http.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.collabedge.http.ProxyLimits;
import org.eclipse.jetty.util.Promise;
import org.junit.jupiter.api.Test;

/**
 * Which canonical hosts the backend leg connects to without a name lookup. A name is looked up on the backend pool
 * (DNS may block, and the proxy may forward on the selector thread) and gets SNI; an address literal does neither.
 * Whatever happens on the way, the request learns the outcome and the pool gets its place back.
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

    @Test
    void aLookupTheBackendPoolCannotTakeFailsTheRequestAndFreesItsPlace() throws Exception {
        BackendLeg leg = new BackendLeg(() -> null, () -> ProxyLimits.DEFAULTS); // no https here
        leg.close(); // its pool threads are gone, as while the HTTPS edge stops
        CompletableFuture<BackendLink> link = new CompletableFuture<>();
        leg.acquire("http", "cucm01", 8080, Promise.from(link::complete, link::completeExceptionally));
        assertTrue(link.isCompletedExceptionally() || link.handle((l, e) -> e != null).get(5, TimeUnit.SECONDS));
        assertEquals(0, leg.openConnections("http", "cucm01", 8080));
    }
}
