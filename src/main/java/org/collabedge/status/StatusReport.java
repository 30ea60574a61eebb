package org.collabedge.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.collabedge.cert.EdgeIdentity;
import org.collabedge.config.Domain;
import org.collabedge.config.EdgeConfig;
import org.collabedge.config.InternalServer;
import org.collabedge.config.ServerType;
import org.collabedge.connectivity.ProbeResult;
import org.collabedge.connectivity.ProbeStatus;

/**
 * Looks over the whole configuration and names every misconfiguration it can see, each with the page that fixes it.
 * Pure: it reads a snapshot and returns findings, so it is tested without a host.
 */
public final class StatusReport {

    static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    /** The latest connectivity test of a server, if any. */
    @FunctionalInterface
    public interface ProbeLookup {
        Optional<ProbeResult> latest(String serverId);
    }

    public List<Finding> findings(EdgeConfig config, EdgeIdentity identity, int trustedCaCount, ProbeLookup probes,
                                  Instant now) {
        List<Finding> out = new ArrayList<>();
        checkDomains(config, out);
        checkServers(config, trustedCaCount, probes, out);
        checkCertificate(config, identity, now, out);
        if ("localhost".equals(config.settings().publicHostName())) {
            out.add(Finding.warning("status.public_name_localhost", "edge-settings"));
        }
        out.sort(Comparator.comparing(Finding::severity));
        return out;
    }

    private static void checkDomains(EdgeConfig config, List<Finding> out) {
        if (config.domains().isEmpty()) {
            out.add(Finding.error("status.no_domains", "domains"));
        }
        for (Domain d : config.domains()) {
            if (!d.sipOnEdge() && !d.effectiveSipOnInternal() && !d.xmppFederation()) {
                out.add(Finding.warning("status.domain_no_services", "domains", d.name()));
            }
            String deployment = config.deploymentName(d.deploymentId());
            if (d.effectiveSipOnInternal() && !hasServer(config, d.deploymentId(), ServerType.CALL_CONTROL)) {
                out.add(Finding.error("status.domain_needs_call_control", "internal-servers", d.name(), deployment));
            }
            if (d.imAndPresence() && !hasServer(config, d.deploymentId(), ServerType.IM_AND_PRESENCE)) {
                out.add(Finding.error("status.domain_needs_im_presence", "internal-servers", d.name(), deployment));
            }
            if (d.imAndPresence() && !d.sipOnInternal()) {
                out.add(Finding.info("status.domain_im_implies_sip", "domains", d.name()));
            }
        }
        config.deployments().stream().filter(dep -> !dep.isDefault() && config.domainsIn(dep.id()).isEmpty())
                .forEach(dep -> out.add(Finding.info("status.deployment_empty", "deployments", dep.name())));
    }

    private static void checkServers(EdgeConfig config, int trustedCaCount, ProbeLookup probes, List<Finding> out) {
        for (InternalServer s : config.servers()) {
            Optional<ProbeResult> probe = probes.latest(s.id());
            if (probe.isEmpty()) {
                out.add(Finding.warning("status.server_untested", "internal-servers", s.authority()));
            } else if (probe.get().status() != ProbeStatus.OK && probe.get().status() != ProbeStatus.NOT_TESTABLE) {
                String fix = switch (probe.get().status()) {
                    case CERTIFICATE_UNTRUSTED, CERTIFICATE_EXPIRED, HOSTNAME_MISMATCH -> "certificates";
                    default -> "internal-servers";
                };
                out.add(Finding.error("status.server_failed", fix, s.authority(), probe.get().detail()));
            }
            if (s.tlsVerify() && trustedCaCount == 0) {
                out.add(Finding.warning("status.server_verify_no_cas", "certificates", s.authority()));
            }
        }
    }

    private static void checkCertificate(EdgeConfig config, EdgeIdentity identity, Instant now, List<Finding> out) {
        Instant notAfter = identity.certificate().getNotAfter().toInstant();
        if (!now.isBefore(notAfter)) {
            out.add(Finding.error("status.cert_expired", "certificates", notAfter.toString()));
        } else if (now.plus(EXPIRY_WARNING).isAfter(notAfter)) {
            out.add(Finding.warning("status.cert_expiring", "certificates", notAfter.toString()));
        }
        if (identity.selfSigned()) {
            out.add(Finding.warning("status.cert_self_signed", "certificates"));
        }
        String name = config.settings().publicHostName();
        if (!identity.coversHost(name)) {
            out.add(Finding.error("status.cert_name_mismatch", "certificates", name));
        }
    }

    private static boolean hasServer(EdgeConfig config, String deploymentId, ServerType type) {
        return config.serversIn(deploymentId).stream().anyMatch(s -> s.type() == type);
    }
}
