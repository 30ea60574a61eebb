package org.collabedge.sip.config;

import java.util.List;

/** The SIP edge's own configuration document: settings and static routes. */
public record SipConfig(SipSettings settings, List<StaticRoute> routes) {

    public static final String DOCUMENT = "sip-config";

    public SipConfig {
        routes = List.copyOf(routes);
    }

    public static SipConfig defaults() {
        return new SipConfig(SipSettings.defaults(), List.of());
    }
}
