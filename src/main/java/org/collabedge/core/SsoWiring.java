package org.collabedge.core;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.collabedge.host.HostContext;
import org.collabedge.http.EdgeEndpoint;
import org.collabedge.sso.SsoService;

/**
 * SAML single sign-on: the service provider, told to the identity service (which users have an IdP), and the
 * sign-in endpoints both serve on the HTTPS edge listener.
 */
record SsoWiring(SsoService sso, List<EdgeEndpoint> endpoints) {

    static SsoWiring start(HostContext host, Foundation base, ClusterWiring cluster, SecurityWiring security,
                           Deque<Runnable> started) {
        var identity = security.identity();
        SsoService sso = new SsoService(host, base.config(), base.externalChanges(), base.restartNotices(),
                base.metrics(), identity.tokens(), identity.settings(), base.certificates()::clientSslContext,
                cluster.nodes());
        sso.start();
        started.push(sso::stop);
        identity.useSsoDomains(sso.ssoDomains());
        List<EdgeEndpoint> endpoints = new ArrayList<>(identity.endpoints());
        endpoints.addAll(sso.endpoints());
        return new SsoWiring(sso, List.copyOf(endpoints));
    }
}
