package org.collabedge.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
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

/**
 * A healthy edge for the status report tests to break one thing of: one domain with SIP on the edge, a CA-issued
 * certificate naming the public host, one trusted CA, no servers, no probe results; and the configurations,
 * servers and probe results the tests build.
 */
final class StatusScene {

    static final Instant ISSUED = Instant.parse("2026-03-01T12:00:00Z");
    static final String PUBLIC_NAME = "edge.example.com";
    static final Deployment DEFAULT = new Deployment(Deployment.DEFAULT_ID, Deployment.DEFAULT_NAME);
    static final Deployment LAB = new Deployment("lab-id", "Lab");

    /** Generated once: the same key and certificate, presented as uploaded or as self-signed. */
    static final EdgeIdentity GENERATED =
            new SelfSignedCertificateFactory(Clock.fixed(ISSUED, ZoneOffset.UTC)).create(PUBLIC_NAME);
    static final EdgeIdentity UPLOADED = new EdgeIdentity(GENERATED.certificate(), List.of(), GENERATED.key(), false);
    static final Instant HEALTHY_NOW = ISSUED.plus(Duration.ofDays(100));

    final StatusReport report = new StatusReport();
    /** The last probe result per server id. */
    final Map<String, ProbeResult> probes = new HashMap<>();
    int trustedCas = 1;

    /** The findings for {@code config} with the UPLOADED certificate, now. */
    List<Finding> findings(EdgeConfig config) {
        return findingsAt(config, UPLOADED, HEALTHY_NOW);
    }

    List<Finding> findingsAt(EdgeConfig config, EdgeIdentity identity, Instant now) {
        return report.findings(config, identity, trustedCas, this::latest, now);
    }

    Optional<ProbeResult> latest(String serverId) {
        return Optional.ofNullable(probes.get(serverId));
    }

    void testedOk(InternalServer... servers) {
        for (InternalServer s : servers) {
            probes.put(s.id(), probe(ProbeStatus.OK, "Connected"));
        }
    }

    static ProbeResult probe(ProbeStatus status, String detail) {
        return new ProbeResult(status, detail, HEALTHY_NOW.minusSeconds(60), 12, null, null, null);
    }

    static List<String> keys(List<Finding> findings) {
        return findings.stream().map(Finding::messageKey).toList();
    }

    static EdgeConfig healthy() {
        return withDomains(domain("example.com", true));
    }

    static EdgeConfig withDomains(Domain... domains) {
        return config(List.of(DEFAULT), List.of(domains), List.of(), PUBLIC_NAME);
    }

    static EdgeConfig withServers(InternalServer... servers) {
        return config(List.of(DEFAULT), List.of(domain("example.com", true)), List.of(servers), PUBLIC_NAME);
    }

    static EdgeConfig config(List<Deployment> deployments, List<Domain> domains, List<InternalServer> servers,
                             String publicName) {
        return new EdgeConfig(deployments, domains, servers, EdgeSettings.defaults(publicName));
    }

    static Domain domain(String name, boolean sipOnEdge) {
        return new Domain(name, sipOnEdge, false, false, false, Deployment.DEFAULT_ID);
    }

    static InternalServer server(String id, ServerType type, String deploymentId, boolean tlsVerify) {
        return new InternalServer(id, type, id + ".example.com", 5061, tlsVerify ? Transport.TLS : Transport.TCP,
                tlsVerify, null, deploymentId);
    }
}
