package org.collabedge.core;

import java.util.Deque;
import java.util.List;

import org.collabedge.host.HostContext;
import org.collabedge.http.EdgeEndpoint;
import org.collabedge.http.HttpEdge;
import org.collabedge.http.ProxySettingsService;
import org.collabedge.http.rules.AllowListService;
import org.collabedge.sso.SpAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS edge: the allow list the proxy asks per request, the proxy's settings, and the listener with the
 * identity and SSO endpoints mounted. Built last, since it serves what the others provide.
 */
record HttpWiring(AllowListService allowList, ProxySettingsService proxySettings, HttpEdge httpEdge) {

    private static final Logger LOG = LoggerFactory.getLogger(HttpWiring.class);

    static HttpWiring start(HostContext host, Foundation base, ClusterWiring cluster, SecurityWiring security,
                            List<EdgeEndpoint> endpoints, Deque<Runnable> started) {
        AllowListService allowList = new AllowListService(host.configStore(), host.sharedState(),
                base.restartNotices(), base.config(), host.nodeId(), host.clock(), base.metrics());
        allowList.start(base.externalChanges());
        started.push(allowList::stop);
        ProxySettingsService proxySettings = new ProxySettingsService(host.configStore(), host.sharedState(),
                base.restartNotices());
        proxySettings.start(base.externalChanges());
        started.push(proxySettings::stop);
        HttpEdge httpEdge = new HttpEdge(base.config()::current, allowList, endpoints, base.certificates(),
                security.protection(), security.tokenVerifier(), security.passwordCheck(), base.metrics());
        httpEdge.follow(proxySettings);
        startListener(httpEdge);
        started.push(httpEdge::stop);
        advertiseHttpsPort(httpEdge, cluster);
        return new HttpWiring(allowList, proxySettings, httpEdge);
    }

    /** A listener that cannot bind (port taken) must not take the other services down: it is logged instead. */
    private static void startListener(HttpEdge httpEdge) {
        try {
            httpEdge.start();
        } catch (Exception e) {
            LOG.error("HTTPS edge could not start (is the HTTPS port free?): {}", e.toString());
        }
    }

    /** Other nodes build this node's SP metadata (ACS, entity ID) from the port the HTTPS edge really bound. */
    private static void advertiseHttpsPort(HttpEdge httpEdge, ClusterWiring cluster) {
        try {
            cluster.nodes().advertise(SpAddresses.HTTPS_PORT_ENDPOINT, Integer.toString(httpEdge.port()));
        } catch (IllegalStateException notRunning) {
            // Not bound: the others fall back to the configured port.
        }
    }
}
