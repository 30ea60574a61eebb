package org.collabedge.http;

/**
 * An internal resource a client asks for through the HTTPS edge, after canonicalisation: the allow list is matched
 * on exactly these values and exactly these are forwarded.
 *
 * @param deploymentId the deployment the request's URL names (directly or through one of its domains)
 * @param scheme       "http" or "https"
 * @param host         lower-case host name or IP literal without brackets
 * @param port         the port, explicit or the scheme's default
 * @param path         the canonical path: decoded, starting with "/", free of dot segments and ambiguous forms
 * @param rawQuery     the query as the client sent it (never used for matching), or null
 */
public record ProxyTarget(String deploymentId, String scheme, String host, int port, String path, String rawQuery) {
}
