package org.collabedge.status;

import static org.collabedge.status.StatusScene.probe;
import static org.collabedge.status.StatusScene.server;
import static org.collabedge.status.StatusScene.withServers;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.collabedge.config.Deployment;
import org.collabedge.config.InternalServer;
import org.collabedge.config.ServerType;
import org.collabedge.connectivity.ProbeStatus;
import org.collabedge.i18n.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The status findings about internal servers (untested, failed, TLS verification without trusted CAs), each for
 * the configuration that should trigger it and not otherwise, starting from a healthy edge ({@link StatusScene}).
 */
class StatusReportServersTest {

    private final StatusScene scene = new StatusScene();

    @Test
    void anUntestedServerIsAWarning() {
        InternalServer s = server("s1", ServerType.WEB_SERVICE, Deployment.DEFAULT_ID, false);

        assertEquals(List.of(Finding.warning("status.server_untested", "internal-servers", "s1.example.com:5061")),
                scene.findings(withServers(s)));
        scene.testedOk(s);
        assertEquals(List.of(), scene.findings(withServers(s)));
    }

    @ParameterizedTest
    @EnumSource(value = ProbeStatus.class, names = {"CERTIFICATE_UNTRUSTED", "CERTIFICATE_EXPIRED",
            "HOSTNAME_MISMATCH"})
    void aCertificateProblemIsFixedOnTheCertificatesPage(ProbeStatus status) {
        InternalServer s = server("s1", ServerType.CALL_CONTROL, Deployment.DEFAULT_ID, false);
        scene.probes.put("s1", probe(status, "certificate trouble"));

        assertEquals(List.of(Finding.error("status.server_failed", "certificates", "s1.example.com:5061",
                "certificate trouble")), scene.findings(withServers(s)));
    }

    @ParameterizedTest
    @EnumSource(value = ProbeStatus.class, names = {"UNREACHABLE", "TLS_FAILED", "PROTOCOL_ERROR"})
    void anyOtherFailureIsFixedOnTheInternalServersPage(ProbeStatus status) {
        InternalServer s = server("s1", ServerType.CALL_CONTROL, Deployment.DEFAULT_ID, false);
        scene.probes.put("s1", probe(status, "Connection refused"));

        List<Finding> f = scene.findings(withServers(s));

        assertEquals(List.of(Finding.error("status.server_failed", "internal-servers", "s1.example.com:5061",
                "Connection refused")), f);
        assertEquals("Internal server s1.example.com:5061 failed its last test: Connection refused",
                Messages.english().get(f.get(0).messageKey(), f.get(0).args().toArray()));
    }

    @ParameterizedTest
    @EnumSource(value = ProbeStatus.class, names = {"OK", "NOT_TESTABLE"})
    void aPassedOrUntestableProbeIsNoFinding(ProbeStatus status) {
        InternalServer s = server("s1", ServerType.CONFIG_DOWNLOAD, Deployment.DEFAULT_ID, false);
        scene.probes.put("s1", probe(status, "fine"));

        assertEquals(List.of(), scene.findings(withServers(s)));
    }

    @Test
    void tlsVerifyWithoutAnyTrustedCaIsAWarning() {
        InternalServer verifying = server("s1", ServerType.WEB_SERVICE, Deployment.DEFAULT_ID, true);
        InternalServer notVerifying = server("s2", ServerType.WEB_SERVICE, Deployment.DEFAULT_ID, false);
        scene.testedOk(verifying, notVerifying);
        scene.trustedCas = 0;

        assertEquals(List.of(Finding.warning("status.server_verify_no_cas", "certificates", "s1.example.com:5061")),
                scene.findings(withServers(verifying, notVerifying)));
        scene.trustedCas = 1;
        assertEquals(List.of(), scene.findings(withServers(verifying, notVerifying)));
    }
}
