package org.collabedge.core;

import java.util.Deque;

import org.collabedge.config.ConfigListener;
import org.collabedge.config.DocumentListener;
import org.collabedge.host.HostContext;
import org.collabedge.sip.SdpRewriter;
import org.collabedge.sip.SipEdgeService;
import org.collabedge.sip.auth.SipSecrets;
import org.collabedge.sip.cluster.PeerSettings;
import org.collabedge.sip.cluster.PeerSettingsService;
import org.collabedge.sip.cluster.SipCluster;
import org.collabedge.sip.config.SipConfigService;
import org.collabedge.sip.transport.CachedSslContext;

/**
 * The SIP edge: its settings document and per-user secrets, the node-to-node settings, and the service with its
 * listeners, registrar and proxy. The service reads its settings and routes live on every request; its listeners
 * follow the edge settings and the node-to-node settings.
 */
record SipWiring(SipConfigService config, SipSecrets secrets, PeerSettingsService peerSettings, SipEdgeService edge) {

    static SipWiring start(HostContext host, Foundation base, ClusterWiring cluster, SecurityWiring security,
                           Deque<Runnable> started) {
        SipConfigService sipConfig = new SipConfigService(host.configStore(), host.sharedState(),
                base.restartNotices(), base.config()::current);
        sipConfig.load(base.externalChanges());
        started.push(sipConfig::close);
        SipSecrets sipSecrets = new SipSecrets(host.secrets(), host.users(), host.configStore(), host.sharedState(),
                base.restartNotices(), host.clock());
        sipSecrets.load(base.externalChanges());
        started.push(sipSecrets::close);
        var certificates = base.certificates();
        SipEdgeService sipEdge = new SipEdgeService(new SipEdgeService.Dependencies(host, base.config()::current,
                sipConfig::current,
                // One TLS context per certificate, not one per SIP connection (see CachedSslContext).
                new CachedSslContext(certificates::identity, certificates::serverSslContext),
                new CachedSslContext(certificates::identity, certificates::clientSslContext), security.protection(),
                security.tokenVerifier(), sipSecrets, base.metrics(), SdpRewriter.PASS_THROUGH));
        PeerSettingsService peerSettings = joinCluster(host, base, cluster, sipEdge, started);
        ConfigListener listenerFollower = sipEdge.configListener();
        // Pushed before start: a start that fails half-way (its route key unreadable) has already started its
        // expiry sweeper and ban subscription, and stop() undoes a partial start.
        started.push(() -> {
            base.config().removeListener(listenerFollower);
            sipEdge.stop();
        });
        sipEdge.start();
        sipEdge.problems().forEach(base.restartNotices()::add);
        base.config().addListener(listenerFollower);
        return new SipWiring(sipConfig, sipSecrets, peerSettings, sipEdge);
    }

    /** The node-to-node SIP path: requests for flows another node holds go to that node. */
    private static PeerSettingsService joinCluster(HostContext host, Foundation base, ClusterWiring cluster,
                                                   SipEdgeService sipEdge, Deque<Runnable> started) {
        PeerSettingsService peerSettings = new PeerSettingsService(host.configStore(), host.sharedState(),
                base.restartNotices(), base.config()::current);
        peerSettings.load(base.externalChanges());
        started.push(peerSettings::close);
        SipCluster sipCluster = new SipCluster(cluster.nodes(), base.certificates()::identity,
                peerSettings::current);
        sipEdge.joinCluster(sipCluster);
        DocumentListener<PeerSettings> peerFollower = (before, after) -> {
            sipEdge.reopenPeerListener();
            return sipCluster.problem();
        };
        peerSettings.addListener(peerFollower);
        started.push(() -> peerSettings.removeListener(peerFollower));
        return peerSettings;
    }
}
