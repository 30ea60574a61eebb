package org.collabedge.status;

import static org.collabedge.status.StatusScene.DEFAULT;
import static org.collabedge.status.StatusScene.ISSUED;
import static org.collabedge.status.StatusScene.LAB;
import static org.collabedge.status.StatusScene.config;
import static org.collabedge.status.StatusScene.domain;
import static org.collabedge.status.StatusScene.GENERATED;
import static org.collabedge.status.StatusScene.healthy;
import static org.collabedge.status.StatusScene.HEALTHY_NOW;
import static org.collabedge.status.StatusScene.keys;
import static org.collabedge.status.StatusScene.server;
import static org.collabedge.status.StatusScene.UPLOADED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.collabedge.cert.EdgeIdentity;
import org.collabedge.cert.SelfSignedCertificateFactory;
import org.collabedge.config.Deployment;
import org.collabedge.config.Domain;
import org.collabedge.config.EdgeConfig;
import org.collabedge.config.InternalServer;
import org.collabedge.config.ServerType;
import org.collabedge.i18n.Messages;
import org.collabedge.status.Finding.Severity;
import org.junit.jupiter.api.Test;

/**
 * Each finding appears for the configuration that should trigger it and not otherwise. Every test starts from a
 * healthy edge ({@link StatusScene}) and breaks one thing: here the edge's own certificate and name, and the
 * order of findings; domains and deployments: {@link StatusReportDomainsTest}; internal servers:
 * {@link StatusReportServersTest}.
 */
class StatusReportTest {

    private final StatusScene scene = new StatusScene();

    @Test
    void aHealthyEdgeHasNoFindings() {
        assertEquals(List.of(), scene.findings(healthy()));
    }

    @Test
    void everyFindingKeyHasEnglishText() {
        Messages en = Messages.english();
        for (String key : List.of("status.no_domains", "status.domain_no_services",
                "status.domain_needs_call_control", "status.domain_needs_im_presence", "status.domain_im_implies_sip",
                "status.deployment_empty", "status.server_untested", "status.server_failed",
                "status.server_verify_no_cas", "status.cert_expired", "status.cert_expiring",
                "status.cert_self_signed", "status.cert_name_mismatch", "status.public_name_localhost")) {
            assertTrue(en.has(key), key);
        }
    }

    @Test
    void anExpiredCertificateIsAnError() {
        Instant notAfter = UPLOADED.notAfter();

        assertEquals(List.of(Finding.error("status.cert_expired", "certificates", notAfter.toString())),
                scene.findingsAt(healthy(), UPLOADED, notAfter));
        assertEquals(List.of("status.cert_expired"),
                keys(scene.findingsAt(healthy(), UPLOADED, notAfter.plusSeconds(86_400))));
    }

    @Test
    void aCertificateExpiringWithin30DaysIsAWarning() {
        Instant notAfter = UPLOADED.notAfter();

        assertEquals(List.of(Finding.warning("status.cert_expiring", "certificates", notAfter.toString())),
                scene.findingsAt(healthy(), UPLOADED, notAfter.minus(Duration.ofDays(29))));
        assertEquals(List.of("status.cert_expiring"),
                keys(scene.findingsAt(healthy(), UPLOADED, notAfter.minusSeconds(1))));
        assertEquals(List.of(), scene.findingsAt(healthy(), UPLOADED, notAfter.minus(Duration.ofDays(30))),
                "exactly 30 days ahead is not yet a warning");
    }

    @Test
    void aSelfSignedCertificateIsAWarning() {
        assertEquals(List.of(Finding.warning("status.cert_self_signed", "certificates")),
                scene.findingsAt(healthy(), GENERATED, HEALTHY_NOW));
    }

    @Test
    void aCertificateThatDoesNotNameThePublicHostIsAnError() {
        EdgeConfig renamed = config(List.of(DEFAULT), List.of(domain("example.com", true)), List.of(),
                "edge.example.org");

        assertEquals(List.of(Finding.error("status.cert_name_mismatch", "certificates", "edge.example.org")),
                scene.findings(renamed));
    }

    @Test
    void aPublicNameOfLocalhostIsAWarning() {
        EdgeIdentity forLocalhost = new SelfSignedCertificateFactory(Clock.fixed(ISSUED, ZoneOffset.UTC))
                .create("localhost");
        EdgeIdentity uploadedForLocalhost = new EdgeIdentity(forLocalhost.certificate(), List.of(),
                forLocalhost.key(), false);
        EdgeConfig local = config(List.of(DEFAULT), List.of(domain("example.com", true)), List.of(), "localhost");

        assertEquals(List.of(Finding.warning("status.public_name_localhost", "edge-settings")),
                scene.findingsAt(local, uploadedForLocalhost, HEALTHY_NOW));
    }

    // ---- order

    @Test
    void errorsComeBeforeWarningsBeforeInfo() {
        Domain imOnly = new Domain("example.com", false, false, true, false, Deployment.DEFAULT_ID); // info + errors
        InternalServer untested = server("s1", ServerType.WEB_SERVICE, Deployment.DEFAULT_ID, false); // warning
        EdgeConfig c = config(List.of(DEFAULT, LAB), List.of(imOnly), List.of(untested), "localhost"); // info, warning

        List<Finding> f = scene.report.findings(c, GENERATED, 0, scene::latest, HEALTHY_NOW); // + self-signed, mismatch

        List<Severity> severities = f.stream().map(Finding::severity).toList();
        List<Severity> sorted = new ArrayList<>(severities);
        sorted.sort(null);
        assertEquals(sorted, severities);
        assertTrue(severities.containsAll(List.of(Severity.ERROR, Severity.WARNING, Severity.INFO)), f.toString());
        assertEquals(Severity.ERROR, f.get(0).severity());
        assertEquals(Severity.INFO, f.get(f.size() - 1).severity());
        assertTrue(keys(f).containsAll(List.of("status.domain_needs_call_control", "status.domain_needs_im_presence",
                "status.cert_name_mismatch", "status.server_untested", "status.cert_self_signed",
                "status.public_name_localhost", "status.domain_im_implies_sip", "status.deployment_empty")),
                keys(f).toString());
    }
}
