package org.collabedge.http.proxy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.collabedge.config.EdgeConfig;
import org.collabedge.http.ProxyTarget;
import org.collabedge.http.rules.AllowList;

/**
 * Rewrites a backend's redirect so that it leads back through the edge, but only when the allow list would let the
 * client reach its target; any other Location is passed on untouched (the client then fails to reach it directly,
 * as it should). The proxy never follows a redirect itself.
 */
public final class RedirectRewriter {

    private final AllowList allowList;

    public RedirectRewriter(AllowList allowList) {
        this.allowList = allowList;
    }

    /**
     * @param location     the backend's Location value
     * @param from         the target the redirect came from (relative references are resolved against it)
     * @param edgeOrigin   the edge's public origin, e.g. {@code https://edge.example.com:8443}
     * @return the rewritten Location, or {@code location} unchanged
     */
    public String rewrite(String location, ProxyTarget from, EdgeConfig config, String edgeOrigin) {
        try {
            String host = from.host().indexOf(':') >= 0 ? "[" + from.host() + "]" : from.host();
            URI base = new URI(from.scheme() + "://" + host + ":" + from.port() + TargetParser.forwardPath(from));
            URI resolved = base.resolve(new URI(location));
            String scheme = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || resolved.getRawAuthority() == null
                    || resolved.getRawUserInfo() != null || resolved.getHost() == null) {
                return location;
            }
            int port = resolved.getPort() > 0 ? resolved.getPort() : scheme.equals("https") ? 443 : 80;
            String rawPath = resolved.getRawPath() == null || resolved.getRawPath().isEmpty() ? "/"
                    : resolved.getRawPath();
            String rawHost = resolved.getHost();
            String edgeRaw = "/" + PathSegments.encode(config.deploymentName(from.deploymentId())) + "/" + scheme
                    + "/" + rawHost + "/" + port + rawPath;
            ProxyTarget target = TargetParser.parse(edgeRaw, resolved.getRawQuery(), config);
            if (!target.deploymentId().equals(from.deploymentId()) || !allowList.decide(target, "GET").allowed()) {
                return location;
            }
            String query = target.rawQuery() == null ? "" : "?" + target.rawQuery();
            String fragment = resolved.getRawFragment() == null ? "" : "#" + resolved.getRawFragment();
            return edgeOrigin + TargetParser.edgePath(target, config) + query + fragment;
        } catch (URISyntaxException | TargetRefused | IllegalArgumentException e) {
            return location;
        }
    }
}
