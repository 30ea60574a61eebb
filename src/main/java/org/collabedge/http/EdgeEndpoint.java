package org.collabedge.http;

import javax.servlet.http.HttpServlet;

/**
 * A servlet another service serves on the HTTPS edge listener beside the proxy (sign-in, token refresh, SAML ACS,
 * {@code /get_edge_sso}). {@code path} is matched as itself and as a prefix of {@code path + "/"}. Identity endpoints
 * live under {@code /edge/} plus {@code /get_edge_sso}; the proxy's URL form never uses those.
 */
public record EdgeEndpoint(String path, HttpServlet servlet) {
}
