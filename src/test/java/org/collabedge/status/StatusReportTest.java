package org.collabedge.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.collabedge.cert.EdgeIdentity;
import org.collabedge.cert.SelfSignedCertificateFactory;
import org.collabedge.config.Deployment;
import org.collabedge.config.Domain;
import org.collabedge.config.EdgeConfig;
import org.collabedge.config.EdgeSettings;
import org.collabedge.config.InternalServer;
import org.collabedge.config.ServerType;
import org.collabedge.config.Transport;
import org.collabedge.connectivity.ProbeResult;
import org.collabedge.connectivity.ProbeStatus;
import org.collabedge.i18n.Messages;
import org.collabedge.status.Finding.Severity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each finding appears for the configuration that should trigger it and not otherwise. Every test starts from a
 * healthy edge (one domain with SIP on the edge, a CA-issued certificate naming the public host, no servers) and
 * breaks one thing.
 */
class StatusReportTest {

    private static final Instant ISSUED = Instant.parse("2026-03-01T12:00:00Z");
    private static final String PUBLIC_NAME = "edge.example.com";
    private static final Deployment DEFAULT = new Deployment(Deployment.DEFAULT_ID, Deployment.DEFAULT_NAME);
    private static final Deployment LAB = new Deployment("lab-id", "Lab");

    /** Generated once: the same key and certificate, presented as uploaded or as self-signed. */
    private static EdgeIdentity generated;
    private static EdgeIdentity uploaded;
    private static Instant healthyNow;

    private final StatusReport report = new StatusReport();
    private final Map<String, ProbeResult> probes = new java.util.HashMap<>();
    private int trustedCas = 1;

    @BeforeAll
    static void makeCertificate() {
        generated = new SelfSignedCertificateFactory(Clock.fixed(ISSUED, ZoneOffset.UTC)).create(PUBLIC_NAME);
        uploaded = new EdgeIdentity(generated.certificate(), List.of(), generated.key(), false);
        healthyNow = ISSUED.plus(Duration.ofDays(100));
    }

    // ---- the baseline

    @Test
    void aHealthyEdgeHasNoFindings() {
        assertEquals(List.of(), findings(healthy()));
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

    // ---- domains and deployments

    @Test
    void noDomainsIsAnError() {
        List<Finding> f = findings(config(List.of(DEFAULT), List.of(), List.of(), PUBLIC_NAME));

        assertEquals(List.of(Finding.error("status.no_domains", "domains")), f);
        assertEquals("No domain is configured, so the edge serves nobody yet.",
                Messages.english().get(f.get(0).messageKey()));
    }

    @Test
    void aDomainWithoutServicesIsAWarning() {
        Domain idle = new Domain("idle.example.com", false, false, false, false, Deployment.DEFAULT_ID);

        assertEquals(List.of(Finding.warning("status.domain_no_services", "domains", "idle.example.com")),
                findings(withDomains(domain("example.com", true), idle)));
        assertEquals(List.of(), findings(withDomains(new Domain("fed.example.com", false, false, false, true,
                Deployment.DEFAULT_ID))), "federation alone is a service");
    }

    @Test
    void internalCallControlNeedsACallControlServerInTheDomainsOwnDeployment() {
        Domain internal = new Domain("example.com", false, true, false, false, LAB.id());
        InternalServer elsewhere = server("s1", ServerType.CALL_CONTROL, Deployment.DEFAULT_ID, true);
        InternalServer inLab = server("s2", ServerType.CALL_CONTROL, LAB.id(), true);
        testedOk(elsewhere, inLab);

        assertEquals(List.of(Finding.error("status.domain_needs_call_control", "internal-servers", "example.com",
                "Lab")), findings(config(List.of(DEFAULT, LAB), List.of(internal), List.of(elsewhere), PUBLIC_NAME)));
        assertEquals(List.of(), findings(config(List.of(DEFAULT, LAB), List.of(internal), List.of(inLab),
                PUBLIC_NAME)));
    }

    @Test
    void otherServerTypesDoNotCountAsCallControl() {
        Domain internal = new Domain("example.com", false, true, false, false, Deployment.DEFAULT_ID);
        InternalServer voicemail = server("vm", ServerType.VOICEMAIL, Deployment.DEFAULT_ID, true);
        testedOk(voicemail);

        assertEquals(List.of("status.domain_needs_call_control"),
                keys(findings(config(List.of(DEFAULT), List.of(internal), List.of(voicemail), PUBLIC_NAME))));
    }

    @Test
    void imAndPresenceNeedsAnImAndPresenceServer() {
        Domain im = new Domain("example.com", false, true, true, false, Deployment.DEFAULT_ID);
        InternalServer cucm = server("cucm", ServerType.CALL_CONTROL, Deployment.DEFAULT_ID, true);
        InternalServer imp = server("imp", ServerType.IM_AND_PRESENCE, Deployment.DEFAULT_ID, true);
        testedOk(cucm, imp);

        assertEquals(List.of(Finding.error("status.domain_needs_im_presence", "internal-servers", "example.com",
                Deployment.DEFAULT_NAME)), findings(config(List.of(DEFAULT), List.of(im), List.of(cucm), PUBLIC_NAME)));
        assertEquals(List.of(), findings(config(List.of(DEFAULT), List.of(im), List.of(cucm, imp), PUBLIC_NAME)));
    }

    @Test
    void imAndPresenceWithInternalSipSwitchedOffIsExplainedAndStillNeedsCallControl() {
        Domain imOnly = new Domain("example.com", false, false, true, false, Deployment.DEFAULT_ID);
        InternalServer imp = server("imp", ServerType.IM_AND_PRESENCE, Deployment.DEFAULT_ID, true);
        InternalServer cucm = server("cucm", ServerType.CALL_CONTROL, Deployment.DEFAULT_ID, true);
        testedOk(imp, cucm);

        assertEquals(List.of(
                Finding.error("status.domain_needs_call_control", "internal-servers", "example.com",
                        Deployment.DEFAULT_NAME),
                Finding.info("status.domain_im_implies_sip", "domains", "example.com")),
                findings(config(List.of(DEFAULT), List.of(imOnly), List.of(imp), PUBLIC_NAME)));
        assertEquals(List.of(Finding.info("status.domain_im_implies_sip", "domains", "example.com")),
                findings(config(List.of(DEFAULT), List.of(imOnly), List.of(imp, cucm), PUBLIC_NAME)));
    }

    @Test
    void anEmptyDeploymentOtherThanTheDefaultIsMentioned() {
        assertEquals(List.of(Finding.info("status.deployment_empty", "deployments", "Lab")),
                findings(config(List.of(DEFAULT, LAB), List.of(domain("example.com", true)), List.of(),
                        PUBLIC_NAME)));

        Domain inLab = new Domain("lab.example.com", true, false, false, false, LAB.id());
        assertEquals(List.of(), findings(config(List.of(DEFAULT, LAB), List.of(inLab), List.of(), PUBLIC_NAME)),
                "the default may be empty; Lab is not");
    }

    // ---- internal servers

    @Test
    void anUntestedServerIsAWarning() {
        InternalServer s = server("s1", ServerType.WEB_SERVICE, Deployment.DEFAULT_ID, false);

        assertEquals(List.of(Finding.warning("status.server_untested", "internal-servers", "s1.example.com:5061")),
                findings(withServers(s)));
        testedOk(s);
        assertEquals(List.of(), findings(withServers(s)));
    }

    @ParameterizedTest
    @EnumSource(value = ProbeStatus.class, names = {"CERTIFICATE_UNTRUSTED", "CERTIFICATE_EXPIRED",
            "HOSTNAME_MISMATCH"})
    void aCertificateProblemIsFixedOnTheCertificatesPage(ProbeStatus status) {
        InternalServer s = server("s1", ServerType.CALL_CONTROL, Deployment.DEFAULT_ID, false);
        probes.put("s1", probe(status, "certificate trouble"));

        assertEquals(List.of(Finding.error("status.server_failed", "certificates", "s1.example.com:5061",
                "certificate trouble")), findings(withServers(s)));
    }

    @ParameterizedTest
    @EnumSource(value = ProbeStatus.class, names = {"UNREACHABLE", "TLS_FAILED", "PROTOCOL_ERROR"})
    void anyOtherFailureIsFixedOnTheInternalServersPage(ProbeStatus status) {
        InternalServer s = server("s1", ServerType.CALL_CONTROL, Deployment.DEFAULT_ID, false);
        probes.put("s1", probe(status, "Connection refused"));

        List<Finding> f = findings(withServers(s));

        assertEquals(List.of(Finding.error("status.server_failed", "internal-servers", "s1.example.com:5061",
                "Connection refused")), f);
        assertEquals("Internal server s1.example.com:5061 failed its last test: Connection refused",
                Messages.english().get(f.get(0).messageKey(), f.get(0).args().toArray()));
    }

    @ParameterizedTest
    @EnumSource(value = ProbeStatus.class, names = {"OK", "NOT_TESTABLE"})
    void aPassedOrUntestableProbeIsNoFinding(ProbeStatus status) {
        InternalServer s = server("s1", ServerType.CONFIG_DOWNLOAD, Deployment.DEFAULT_ID, false);
        probes.put("s1", probe(status, "fine"));

        assertEquals(List.of(), findings(withServers(s)));
    }

    @Test
    void tlsVerifyWithoutAnyTrustedCaIsAWarning() {
        InternalServer verifying = server("s1", ServerType.WEB_SERVICE, Deployment.DEFAULT_ID, true);
        InternalServer notVerifying = server("s2", ServerType.WEB_SERVICE, Deployment.DEFAULT_ID, false);
        testedOk(verifying, notVerifying);
        trustedCas = 0;

        assertEquals(List.of(Finding.warning("status.server_verify_no_cas", "certificates", "s1.example.com:5061")),
                findings(withServers(verifying, notVerifying)));
        trustedCas = 1;
        assertEquals(List.of(), findings(withServers(verifying, notVerifying)));
    }

    // ---- the edge's own certificate and name

    @Test
    void anExpiredCertificateIsAnError() {
        Instant notAfter = uploaded.notAfter();

        assertEquals(List.of(Finding.error("status.cert_expired", "certificates", notAfter.toString())),
                report.findings(healthy(), uploaded, trustedCas, this::latest, notAfter));
        assertEquals(List.of("status.cert_expired"),
                keys(report.findings(healthy(), uploaded, trustedCas, this::latest, notAfter.plusSeconds(86_400))));
    }

    @Test
    void aCertificateExpiringWithin30DaysIsAWarning() {
        Instant notAfter = uploaded.notAfter();

        assertEquals(List.of(Finding.warning("status.cert_expiring", "certificates", notAfter.toString())),
                report.findings(healthy(), uploaded, trustedCas, this::latest, notAfter.minus(Duration.ofDays(29))));
        assertEquals(List.of("status.cert_expiring"),
                keys(report.findings(healthy(), uploaded, trustedCas, this::latest, notAfter.minusSeconds(1))));
        assertEquals(List.of(), report.findings(healthy(), uploaded, trustedCas, this::latest,
                notAfter.minus(Duration.ofDays(30))), "exactly 30 days ahead is not yet a warning");
    }

    @Test
    void aSelfSignedCertificateIsAWarning() {
        assertEquals(List.of(Finding.warning("status.cert_self_signed", "certificates")),
                report.findings(healthy(), generated, trustedCas, this::latest, healthyNow));
    }

    @Test
    void aCertificateThatDoesNotNameThePublicHostIsAnError() {
        EdgeConfig renamed = config(List.of(DEFAULT), List.of(domain("example.com", true)), List.of(),
                "edge.example.org");

        assertEquals(List.of(Finding.error("status.cert_name_mismatch", "certificates", "edge.example.org")),
                findings(renamed));
    }

    @Test
    void aPublicNameOfLocalhostIsAWarning() {
        EdgeIdentity forLocalhost = new SelfSignedCertificateFactory(Clock.fixed(ISSUED, ZoneOffset.UTC))
                .create("localhost");
        EdgeIdentity uploadedForLocalhost = new EdgeIdentity(forLocalhost.certificate(), List.of(),
                forLocalhost.key(), false);
        EdgeConfig local = config(List.of(DEFAULT), List.of(domain("example.com", true)), List.of(), "localhost");

        assertEquals(List.of(Finding.warning("status.public_name_localhost", "edge-settings")),
                report.findings(local, uploadedForLocalhost, trustedCas, this::latest, healthyNow));
    }

    // ---- order

    @Test
    void errorsComeBeforeWarningsBeforeInfo() {
        Domain imOnly = new Domain("example.com", false, false, true, false, Deployment.DEFAULT_ID); // info + errors
        InternalServer untested = server("s1", ServerType.WEB_SERVICE, Deployment.DEFAULT_ID, false); // warning
        EdgeConfig c = config(List.of(DEFAULT, LAB), List.of(imOnly), List.of(untested), "localhost"); // info, warning

        List<Finding> f = report.findings(c, generated, 0, this::latest, healthyNow); // + self-signed, mismatch

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

    // ---- helpers

    private List<Finding> findings(EdgeConfig config) {
        return report.findings(config, uploaded, trustedCas, this::latest, healthyNow);
    }

    private Optional<ProbeResult> latest(String serverId) {
        return Optional.ofNullable(probes.get(serverId));
    }

    private void testedOk(InternalServer... servers) {
        for (InternalServer s : servers) {
            probes.put(s.id(), probe(ProbeStatus.OK, "Connected"));
        }
    }

    private static ProbeResult probe(ProbeStatus status, String detail) {
        return new ProbeResult(status, detail, healthyNow.minusSeconds(60), 12, null, null, null);
    }

    private static List<String> keys(List<Finding> findings) {
        return findings.stream().map(Finding::messageKey).toList();
    }

    private static EdgeConfig healthy() {
        return withDomains(domain("example.com", true));
    }

    private static EdgeConfig withDomains(Domain... domains) {
        return config(List.of(DEFAULT), List.of(domains), List.of(), PUBLIC_NAME);
    }

    private static EdgeConfig withServers(InternalServer... servers) {
        return config(List.of(DEFAULT), List.of(domain("example.com", true)), List.of(servers), PUBLIC_NAME);
    }

    private static EdgeConfig config(List<Deployment> deployments, List<Domain> domains,
                                     List<InternalServer> servers, String publicName) {
        return new EdgeConfig(deployments, domains, servers, EdgeSettings.defaults(publicName));
    }

    private static Domain domain(String name, boolean sipOnEdge) {
        return new Domain(name, sipOnEdge, false, false, false, Deployment.DEFAULT_ID);
    }

    private static InternalServer server(String id, ServerType type, String deploymentId, boolean tlsVerify) {
        return new InternalServer(id, type, id + ".example.com", 5061, tlsVerify ? Transport.TLS : Transport.TCP,
                tlsVerify, null, deploymentId);
    }
}
