package org.collabedge.sso;

import org.collabedge.cluster.EdgeNode;
import org.collabedge.config.Deployment;
import org.collabedge.config.EdgeConfig;
import org.collabedge.config.HostNames;

/**
 * Where the service provider lives on one node's public address ({@code https://<public host>:<https port>}): the
 * assertion consumer service, sign-in, metadata, and our entity ID. Each node has its own name (the seed's
 * Expressway-E peers each have an FQDN) and so its own entity ID and ACS; each deployment has its own entity ID too
 * (the seed exports metadata per deployment); the default deployment's is the metadata address itself.
 */
public final class SpAddresses {

    public static final String LOGIN_PATH = "/edge/sso/login";
    public static final String ACS_PATH = "/edge/sso/acs";
    public static final String METADATA_PATH = "/edge/sso/metadata";
    public static final String EDGE_SSO_PATH = "/get_edge_sso";

    /** What the HTTPS edge advertises in the node directory once bound: its port. */
    public static final String HTTPS_PORT_ENDPOINT = "https.port";

    private final String base;

    /** The edge's own public host name and configured HTTPS port (a single node). */
    public SpAddresses(EdgeConfig config) {
        this(config.settings().publicHostName(), config.settings().httpsPort());
    }

    public SpAddresses(String publicHostName, int httpsPort) {
        String host = HostNames.unbracket(publicHostName);
        if (HostNames.isIpv6(host)) {
            host = "[" + host + "]";
        }
        this.base = "https://" + host + ":" + httpsPort;
    }

    /**
     * A node's addresses: its public host name from the node directory, and the HTTPS port it advertised once its
     * listener was bound, else the configured one (a node whose listener did not bind still has its metadata).
     */
    public static SpAddresses of(EdgeNode node, EdgeConfig config) {
        int port = node.endpoint(HTTPS_PORT_ENDPOINT).flatMap(SpAddresses::port)
                .orElse(config.settings().httpsPort());
        return new SpAddresses(node.publicHostName(), port);
    }

    private static java.util.Optional<Integer> port(String s) {
        try {
            int p = Integer.parseInt(s.trim());
            return p > 0 && p < 65536 ? java.util.Optional.of(p) : java.util.Optional.empty();
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** {@code https://host:port}, the base of every address here. */
    public String base() {
        return base;
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
