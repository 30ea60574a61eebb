package org.collabedge.core;

import java.time.Duration;
import java.util.Deque;

import org.collabedge.cert.CertificateService;
import org.collabedge.config.ConfigListener;
import org.collabedge.config.ConfigService;
import org.collabedge.config.ExternalChanges;
import org.collabedge.config.RestartNotices;
import org.collabedge.connectivity.ProbeResults;
import org.collabedge.connectivity.ServerProbe;
import org.collabedge.host.HostContext;
import org.collabedge.http.HttpEdge;
import org.collabedge.metrics.CoreMetrics;
import org.collabedge.metrics.EdgeMetrics;

/**
 * What every edge service builds on: the edge configuration, the TLS identity, the places where configuration
 * documents meet (restart reasons, other nodes' changes), metrics and the internal-server probe.
 */
record Foundation(ConfigService config, CertificateService certificates, RestartNotices restartNotices,
                  ExternalChanges externalChanges, EdgeMetrics metrics, CoreMetrics coreMetrics, ServerProbe probe,
                  ProbeResults probeResults) {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    /** Loads the configuration and starts the certificates; {@code started} receives the undo steps. */
    static Foundation start(HostContext host, String defaultPublicHostName, Deque<Runnable> started) {
        RestartNotices restartNotices = new RestartNotices();
        ExternalChanges externalChanges = new ExternalChanges();
        ConfigService config = new ConfigService(host.configStore(), host.secrets(), host.sharedState(),
                defaultPublicHostName, restartNotices);
        config.load();
        CertificateService certificates = new CertificateService(host.configStore(), host.secrets(), host.clock());
        certificates.start(config.current().settings().publicHostName());
        started.push(certificates::stop);
        // A self-signed identity follows the public host name; an uploaded one is the admin's to replace. A new
        // HTTPS listener address or port waits for a restart (the reason is shown on the status page).
        ConfigListener follower = (before, after) -> {
            if (!before.settings().publicHostName().equals(after.settings().publicHostName())) {
                certificates.publicHostNameChanged(after.settings().publicHostName());
            }
            return HttpEdge.restartReason(before, after);
        };
        config.addListener(follower);
        started.push(() -> config.removeListener(follower));
        EdgeMetrics metrics = new EdgeMetrics();
        CoreMetrics coreMetrics = new CoreMetrics(metrics, config, certificates, host.clock());
        ServerProbe probe = new ServerProbe(certificates::clientSslContext, host.clock(), PROBE_TIMEOUT);
        return new Foundation(config, certificates, restartNotices, externalChanges, metrics, coreMetrics, probe,
                new ProbeResults(host.sharedState()));
    }

    /** Hands a document another node changed to the configuration, the certificates and the subscribed services. */
    void externalChange(String document) {
        config.externalChange(document);
        certificates.externalChange(document);
        externalChanges.publish(document);
    }
}
