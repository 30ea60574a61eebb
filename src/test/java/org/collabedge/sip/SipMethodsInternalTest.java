package org.collabedge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.collabedge.config.Domain;
import org.collabedge.config.InternalServer;
import org.collabedge.config.ServerType;
import org.collabedge.config.Transport;
import org.collabedge.sip.MethodScenarios.Party;
import org.collabedge.sip.config.RegistrationMode;
import org.collabedge.sip.config.SipConfig;
import org.collabedge.sip.config.SipSettings;
import org.collabedge.testing.peers.Kamailio;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every method between a remote client registered through the edge (bob, TCP, domain on internal call control) and
 * an internal user registered straight at Kamailio (carol, UDP), in both directions and both registration modes:
 * remote to internal travels edge (record-routed) then Kamailio; internal to remote travels Kamailio, then the edge
 * by the Path entry or the rewritten contact, to bob's own connection.
 */
class SipMethodsInternalTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}, remote calls internal: {1}")
    @CsvSource({"PATH, true", "PATH, false", "CONTACT_REWRITE, true", "CONTACT_REWRITE, false"})
    void everyMethodFlowsBetweenARemoteClientAndAnInternalUser(RegistrationMode mode, boolean remoteCalls)
            throws Exception {
        try (Kamailio kamailio = Kamailio.builder().user("bob", "kam-bob").user("carol", "kam-carol")
                .authenticateCalls(false).start(dir.resolve("kamailio"));
             EdgeUnderTest edge = new EdgeUnderTest(
                     List.of(new Domain("inside.test", false, true, false, false, "default")),
                     List.of(new InternalServer("kam", ServerType.CALL_CONTROL, "127.0.0.1", kamailio.port(),
                             Transport.UDP, false, "", "default")));
             TestPhone bob = new TestPhone(RawSipClient.tcp(edge.tcp), "bob", "inside.test", "kam-bob");
             TestPhone carol = new TestPhone(RawSipClient.udp(kamailio.port()), "carol", "inside.test",
                     "kam-carol")) {
            SipSettings d = SipSettings.defaults();
            edge.sipConfig = new SipConfig(new SipSettings(mode, false, d.digestAlgorithms(), d.bearerTokens(),
                    d.minExpiresSeconds(), d.maxExpiresSeconds(), d.defaultExpiresSeconds(), d.flowTimerSeconds()),
                    List.of());
            assertEquals(200, bob.register(300, "MD5").status(), "through the edge: " + kamailio.log());
            assertEquals(200, carol.register(300, "MD5").status(), "straight at Kamailio");
            Party remote = new Party(bob, false);
            Party internal = new Party(carol, false);
            MethodScenarios s = remoteCalls ? new MethodScenarios(remote, internal)
                    : new MethodScenarios(internal, remote);

            s.callWithEveryInDialogMethod();
            s.cancelWhileRinging(List.of(s.b));
            s.prack();
            s.optionsToUser();
            s.message();
            s.subscription("presence", "application/pidf+xml", MethodScenarios.presence("carol@inside.test"));
            assertEquals(List.of(200, 487, 200), edge.service.callHistory().stream()
                    .map(org.collabedge.sip.status.CallRecord::finalStatus).toList(),
                    "the edge logged the PRACK call, the cancelled one and the first call (newest first)");
            assertEquals(List.of(), edge.service.currentCalls());
        }
    }
}
