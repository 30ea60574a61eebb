package org.collabedge.http.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.collabedge.config.InternalServer;
import org.collabedge.config.ServerType;
import org.collabedge.config.Transport;
import org.junit.jupiter.api.Test;

/** The rules each kind of internal server brings, after the seed's table 2. */
class AutomaticRulesTest {

    private static List<String> urls(InternalServer s) {
        return AutomaticRules.of(s).stream().map(AllowRule::url).toList();
    }

    @Test
    void everyServerTypeHasRules() {
        for (ServerType t : ServerType.values()) {
            assertTrue(AutomaticRules.TABLE.stream().anyMatch(r -> r.type() == t), t.name());
        }
    }

    @Test
    void callControlUsesFixedPortsWebServicesTheirOwn() {
        InternalServer cucm = new InternalServer("c1", ServerType.CALL_CONTROL, "cucm.example.com", 5061,
                Transport.TLS, true, null, "default");
        assertEquals(List.of("https://cucm.example.com:8443/cucm-uds/", "http://cucm.example.com:6970/",
                "https://cucm.example.com:6972/"), urls(cucm));
        assertEquals("auto-c1-0", AutomaticRules.of(cucm).get(0).id(), "stable ids keep the counters");

        InternalServer web = new InternalServer("w1", ServerType.WEB_SERVICE, "web.example.com", 8080,
                Transport.HTTP, false, null, "east");
        AllowRule rule = AutomaticRules.of(web).get(0);
        assertEquals("http://web.example.com:8080/", rule.url());
        assertEquals("east", rule.deploymentId());
        assertEquals(RuleOrigin.AUTOMATIC, rule.origin());
        assertTrue(rule.authenticationRequired());

        InternalServer tftp = new InternalServer("t1", ServerType.CONFIG_DOWNLOAD, "2001:db8::5", 69,
                Transport.TFTP, false, null, "default");
        assertEquals(List.of("http://[2001:db8::5]:6970/"), urls(tftp), "TFTP servers serve files over HTTP too");
        assertEquals("2001:db8:0:0:0:0:0:5", AutomaticRules.of(tftp).get(0).parsedUrl().host());
    }
}
