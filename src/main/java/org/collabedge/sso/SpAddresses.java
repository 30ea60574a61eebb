package org.collabedge.sso;

import org.collabedge.config.Deployment;
import org.collabedge.config.EdgeConfig;
import org.collabedge.config.HostNames;

/**
 * Where the service provider lives on the edge's public address ({@code https://<public host>:<https port>}): the
 * assertion consumer service, sign-in, metadata, and our entity ID. Each deployment has its own entity ID (the seed
 * exports metadata per deployment); the default deployment's is the metadata address itself.
 */
public final class SpAddresses {

    public static final String LOGIN_PATH = "/edge/sso/login";
    public static final String ACS_PATH = "/edge/sso/acs";
    public static final String METADATA_PATH = "/edge/sso/metadata";
    public static final String EDGE_SSO_PATH = "/get_edge_sso";

    private final String base;

    public SpAddresses(EdgeConfig config) {
        String host = HostNames.unbracket(config.settings().publicHostName());
        if (HostNames.isIpv6(host)) {
            host = "[" + host + "]";
        }
        this.base = "https://" + host + ":" + config.settings().httpsPort();
    }

    public String acsUrl() {
        return base + ACS_PATH;
    }

    public String loginUrl() {
        return base + LOGIN_PATH;
    }

    /** Our entity ID for a deployment (null or the default deployment: the plain metadata address). */
    public String entityId(String deploymentId) {
        return deploymentId == null || Deployment.DEFAULT_ID.equals(deploymentId) ? base + METADATA_PATH
                : base + METADATA_PATH + "/" + deploymentId;
    }
}
