package org.collabedge.http.proxy;

import java.util.Locale;
import java.util.Optional;

import org.collabedge.config.Deployment;
import org.collabedge.config.Domain;
import org.collabedge.config.EdgeConfig;
import org.collabedge.http.ProxyLimits;
import org.collabedge.http.ProxyTarget;

/**
 * Reads the edge URL form {@code /<deployment>/<scheme>/<host>/<port>/<path>} from the raw request target (as the
 * client sent it, before any decoding) and produces the canonical {@link ProxyTarget}, refusing every ambiguous
 * spelling. {@code <deployment>} is a deployment's name or any domain in it, case-insensitive.
 */
public final class TargetParser {

    /** First path segments that belong to identity endpoints, never to the proxy. */
    public static final String EDGE_PREFIX = "edge";
    public static final String SSO_DISCOVERY = "get_edge_sso";

    private TargetParser() {
    }

    /**
     * @param rawPath  the request target's path exactly as received
     * @param rawQuery the query exactly as received, or null
     */
    public static ProxyTarget parse(String rawPath, String rawQuery, EdgeConfig config) throws TargetRefused {
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw TargetRefused.bad("the target must be a path");
        }
        if (rawPath.length() > ProxyLimits.PATH_CHARS) {
            throw TargetRefused.bad("path too long");
        }
        checkQuery(rawQuery);
        // The four leading segments, then the path, found by index: no split (a list, an array and every segment
        // as a String) per request. Checks and their order are those of a split on '/': fewer than four segments
        // 404, any empty segment but a trailing one in the path 400, then each segment decoded.
        String[] head = new String[4];
        int at = 1;
        int pathSlash = -1; // the slash before the path, when there is one
        for (int i = 0; i < 4; i++) {
            int slash = rawPath.indexOf('/', at);
            if (slash < 0 && i < 3) {
                throw new TargetRefused(404, "expected /<deployment>/<scheme>/<host>/<port>/<path>");
            }
            head[i] = slash < 0 ? rawPath.substring(at) : rawPath.substring(at, slash);
            if (slash >= 0 && i == 3) {
                pathSlash = slash;
            }
            at = slash + 1;
        }
        for (String segment : head) {
            if (segment.isEmpty()) {
                throw TargetRefused.bad("empty path segment");
            }
        }
        if (pathSlash >= 0 && rawPath.indexOf("//", pathSlash) >= 0) {
            throw TargetRefused.bad("empty path segment");
        }
        String deploymentName = PathSegments.decode(head[0]);
        String scheme = PathSegments.decode(head[1]).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw TargetRefused.bad("scheme must be http or https");
        }
        String host = HostNameCanon.canonical(head[2]);
        int port = port(head[3]);
        StringBuilder path = new StringBuilder(pathSlash < 0 ? 1 : rawPath.length() - pathSlash);
        for (int from = pathSlash + 1; pathSlash >= 0; ) {
            int slash = rawPath.indexOf('/', from);
            path.append('/').append(PathSegments.decode(slash < 0 ? rawPath.substring(from)
                    : rawPath.substring(from, slash)));
            if (slash < 0) {
                break;
            }
            from = slash + 1;
        }
        String deploymentId = deploymentId(deploymentName, config)
                .orElseThrow(() -> new TargetRefused(404, "no such deployment or domain"));
        return new ProxyTarget(deploymentId, scheme, host, port, path.length() == 0 ? "/" : path.toString(),
                rawQuery);
    }

    /** The path sent to the backend: the canonical path in its one encoded spelling. */
    public static String forwardPath(ProxyTarget target) {
        if (PathSegments.isCanonical(target.path(), true)) {
            return target.path(); // already its one encoded spelling
        }
        String[] segments = target.path().substring(1).split("/", -1);
        StringBuilder out = new StringBuilder(target.path().length() + 8);
        for (String segment : segments) {
            out.append('/').append(PathSegments.encode(segment));
        }
        return out.toString();
    }

    /** The edge URL that names {@code target} (for redirects), using the deployment's name. */
    public static String edgePath(ProxyTarget target, EdgeConfig config) {
        String host = target.host().indexOf(':') >= 0 ? "[" + target.host() + "]" : target.host();
        return "/" + PathSegments.encode(config.deploymentName(target.deploymentId())) + "/" + target.scheme()
                + "/" + host + "/" + target.port() + forwardPath(target);
    }

    /** A deployment named by its name (not a reserved prefix) or by one of its domains. */
    static Optional<String> deploymentId(String name, EdgeConfig config) {
        if (name.equalsIgnoreCase(EDGE_PREFIX) || name.equalsIgnoreCase(SSO_DISCOVERY)) {
            return Optional.empty();
        }
        for (Deployment d : config.deployments()) {
            if (d.name().equalsIgnoreCase(name)) {
                return Optional.of(d.id());
            }
        }
        return config.domain(name).map(Domain::deploymentId);
    }

    private static int port(String raw) throws TargetRefused {
        if (raw.isEmpty() || raw.length() > 5 || raw.charAt(0) == '0'
                || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw TargetRefused.bad("port must be a number from 1 to 65535");
        }
        int port = Integer.parseInt(raw);
        if (port > 65535) {
            throw TargetRefused.bad("port must be a number from 1 to 65535");
        }
        return port;
    }

    private static void checkQuery(String rawQuery) throws TargetRefused {
        if (rawQuery == null) {
            return;
        }
        for (int i = 0; i < rawQuery.length(); i++) {
            char c = rawQuery.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '#') {
                throw TargetRefused.bad("invalid character in query");
            }
        }
    }
}
