package org.collabedge.sip.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.collabedge.config.Transport;
import org.collabedge.sip.config.StaticRoute;
import org.junit.jupiter.api.Test;

/** Static route choice: the most exact pattern wins. */
class StaticRoutesTest {

    private static final StaticRoute ALL = new StaticRoute("1", "*@partner.net", "gw.partner.net", 5061,
            Transport.TLS, true, "");
    private static final StaticRoute BOSS = new StaticRoute("2", "boss@partner.net", "boss.partner.net", 5061,
            Transport.TLS, true, "");

    @Test
    void anExactAddressBeatsTheDomainWildcard() {
        assertEquals(BOSS, StaticRoutes.match(List.of(ALL, BOSS), "Boss", "PARTNER.net").orElseThrow());
        assertEquals(ALL, StaticRoutes.match(List.of(ALL, BOSS), "clerk", "partner.net").orElseThrow());
        assertTrue(StaticRoutes.match(List.of(ALL, BOSS), "clerk", "example.com").isEmpty());
    }
}
